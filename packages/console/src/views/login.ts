import { html, nothing } from 'lit-html';
import type { ConsoleConfig } from '../api/routes.js';
import * as api from '../api/routes.js';
import { startOidcSignIn, takeSignInFailure } from '../auth/oidc.js';
import { returnAfterSignIn } from '../auth/return-to.js';
import { session } from '../auth/session.js';
import { t } from '../i18n/index.js';
import { errorBox, formValues } from '../ui/parts.js';
import type { View, ViewContext } from '../ui/view.js';

const KINDS = ['staff', 'officer', 'admin', 'supervisor'] as const;
const kindName = (kind: string): string => {
  const known = KINDS.find((k) => k === kind);
  return known ? t(`who.kind.${known}`) : kind;
};

/**
 * Sign-in: the identity provider's button in production; under `tongban serve --demo --dev-login`
 * a role picker that asks the server to mint a token (the server refuses unless started so).
 */
export function loginView(ctx: ViewContext, config: ConsoleConfig): View {
  let error: unknown = null;
  const failed = takeSignInFailure();
  const pick = (kind: string, sub: string, department: string | null) => {
    api
      .devLogin(kind, sub, department)
      .then((token) => {
        const claims = session.signIn(token);
        if (returnAfterSignIn()) return;
        ctx.navigate(claims.kind === 'staff' || claims.kind === 'officer' ? '#/worklist' : '#/board');
      })
      .catch((failure: unknown) => {
        error = failure;
        ctx.rerender();
      });
  };
  return {
    dispose() {},
    template() {
      return html`<section class="login" aria-labelledby="login-title">
        <h1 id="login-title">${t('app.title')}</h1>
        ${
          failed === null
            ? nothing
            : html`<p class="error" role="alert" data-sign-in-failed>
              ${t('login.failed', { message: failed instanceof Error ? failed.message : String(failed) })}</p>`
        }
        ${
          config.oidc
            ? html`<p><button type="button" class="primary" data-action="oidc-sign-in" @click=${() => void startOidcSignIn(config.oidc!)}>
              ${t('login.oidc')}</button></p>`
            : nothing
        }
        ${
          config.devLogin
            ? html`<h2>${t('login.title')}</h2>
          <p class="muted">${t('login.hint')}</p>
          <div class="roles">
            ${config.people.map(
              (
                person,
              ) => html`<button type="button" data-role=${person.kind} data-department=${person.department ?? ''}
                @click=${() => pick(person.kind, person.sub, person.department ?? null)}>
                <b>${kindName(person.kind)}</b> ${person.sub}${person.department ? ` · ${person.department}` : ''}</button>`,
            )}
          </div>
          <form class="filters" data-form="dev-login" @submit=${(event: Event) => {
            const v = formValues(event);
            pick(v.kind ?? 'staff', v.sub ?? '', v.department || null);
          }}>
            <label>${t('login.kind')}<select name="kind">
              ${KINDS.map((k) => html`<option value=${k}>${t(`who.kind.${k}`)}</option>`)}
            </select></label>
            <label>${t('login.person')}<input name="sub" required /></label>
            <label>${t('login.department')}<input name="department" list="departments" /></label>
            <datalist id="departments">${config.departments.map((d) => html`<option value=${d}></option>`)}</datalist>
            <button type="submit">${t('login.submit')}</button>
          </form>`
            : nothing
        }
        ${errorBox(error)}
        <p><a href="#/query">${t('login.public')}</a></p>
      </section>`;
    },
  };
}
