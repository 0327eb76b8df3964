import { html, render, type TemplateResult } from 'lit-html';
import type { ConsoleConfig } from './api/routes.js';
import { session } from './auth/session.js';
import { language, setLanguage, t } from './i18n/index.js';
import { routeOf } from './route.js';
import type { View, ViewContext } from './ui/view.js';
import { boardView } from './views/board.js';
import { caseView } from './views/case.js';
import { hallView } from './views/hall.js';
import { loginView } from './views/login.js';
import { publicView } from './views/public.js';
import { statsView } from './views/stats.js';
import { taskView } from './views/task.js';
import { worklistView } from './views/worklist.js';

/**
 * The console: a hash router (`#/board`, `#/cases/ID`, `#/worklist`, `#/tasks/CASE/TASK`,
 * `#/stats`, `#/query`, `#/hall`, `#/login`), so any static host serves it; a header with the
 * screens this person's role has; one screen drawn at a time with lit-html.
 */
export class ConsoleApp {
  readonly #root: HTMLElement;
  readonly #config: ConsoleConfig;
  #view: View | null = null;
  #ctx: ViewContext;
  #pending = false;

  constructor(root: HTMLElement, config: ConsoleConfig) {
    this.#root = root;
    this.#config = config;
    this.#ctx = {
      rerender: () => this.#schedule(),
      navigate: (hash) => {
        if (location.hash === hash) this.#route();
        else location.hash = hash;
      },
    };
    addEventListener('hashchange', () => this.#route());
    // Signed out (or the server refused the token): the screen goes, the sign-in page comes.
    session.onChange(() => (session.claims() ? this.#schedule() : this.#route()));
  }

  start(): void {
    // On a page's first load the focus stays at the top (the skip link comes first); focusing the
    // screen would also force a layout before the first paint.
    this.#route(false);
  }

  #schedule(): void {
    if (this.#pending) return;
    this.#pending = true;
    queueMicrotask(() => {
      this.#pending = false;
      this.#draw();
    });
  }

  #open(): View {
    const route = routeOf(location.hash, session.claims());
    switch (route.screen) {
      case 'query':
        return publicView(this.#ctx, {
          caseId: route.query.get('case') ?? '',
          code: route.query.get('code') ?? '',
        });
      case 'login':
        return loginView(this.#ctx, this.#config);
      case 'board':
        return boardView(this.#ctx);
      case 'cases':
        return caseView(this.#ctx, route.first);
      case 'stats':
        return statsView(this.#ctx);
      case 'worklist':
        return worklistView(this.#ctx);
      case 'tasks':
        return taskView(this.#ctx, route.first, route.second);
      case 'hall':
        return hallView(this.#ctx);
    }
  }

  /** Another screen: drawn, and focused so a screen reader announces it. */
  #route(focus = true): void {
    this.#view?.dispose();
    this.#view = this.#open();
    this.#draw();
    if (focus) this.#root.querySelector<HTMLElement>('#main')?.focus({ preventScroll: true });
  }

  #nav(): TemplateResult {
    const claims = session.claims();
    const current = location.hash.split('/')[1] ?? '';
    const link = (hash: string, label: string) =>
      html`<a href=${`#/${hash}`} aria-current=${current === hash ? 'page' : 'false'}>${label}</a>`;
    const staff = claims?.kind === 'staff' || claims?.kind === 'officer';
    return html`<header class="top">
      <a class="skip" href="#main" @click=${(e: Event) => {
        e.preventDefault();
        this.#root.querySelector<HTMLElement>('#main')?.focus();
      }}>${t('nav.skip')}</a>
      <span class="brand">${t('app.title')}</span>
      <nav aria-label=${t('app.title')}>
        ${claims && !staff ? [link('board', t('nav.board')), link('stats', t('nav.stats')), link('hall', t('nav.hall'))] : ''}
        ${staff ? link('worklist', t('nav.worklist')) : ''}
        ${link('query', t('nav.query'))}
        ${
          // Same tab on purpose: the designer reads this tab's session (sessionStorage is per tab).
          claims?.kind === 'admin' && this.#config.designer
            ? html`<a href=${this.#config.designer} data-action="designer">${t('nav.designer')}</a>`
            : ''
        }
      </nav>
      <span class="who">${
        claims
          ? html`${t(`who.kind.${claims.kind}`)} ${claims.sub}${claims.department ? ` · ${claims.department}` : ''}
        <button type="button" data-action="sign-out" @click=${() => {
          session.signOut();
          location.hash = '#/login';
        }}>${t('nav.signOut')}</button>`
          : ''
      }</span>
      <button type="button" class="lang" data-action="language" lang=${language() === 'en' ? 'zh-CN' : 'en'}
        @click=${() => {
          setLanguage(language() === 'en' ? 'zh-CN' : 'en');
          this.#draw();
        }}>${t('nav.language')}</button>
    </header>`;
  }

  #draw(): void {
    const view = this.#view;
    if (!view) return;
    document.title = t('app.title');
    render(
      view.bare
        ? html`<main id="main" tabindex="-1" class="bare">${view.template()}</main>`
        : html`${this.#nav()}<main id="main" tabindex="-1">${view.template()}</main>`,
      this.#root,
    );
  }
}
