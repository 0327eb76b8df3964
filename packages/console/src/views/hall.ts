import { html } from 'lit-html';
import * as api from '../api/routes.js';
import { openStream } from '../api/stream.js';
import type { BoardCase, LightCounts } from '../api/types.js';
import { t } from '../i18n/index.js';
import { dash, lightBadge } from '../ui/parts.js';
import type { View, ViewContext } from '../ui/view.js';

const PAGE = 12;
const ROLL_MS = 8000;
const RELOAD_DELAY_MS = 250;

/** A case number as the hall shows it: the first and last characters, the middle masked. */
export function maskCaseId(caseId: string): string {
  if (caseId.length <= 6) return caseId;
  return `${caseId.slice(0, 4)}****${caseId.slice(-4)}`;
}

/**
 * 大厅屏: a full-screen board that rolls through every open case a page at a time, asking the
 * server for each page, with the true totals over all of them. It shows matter, stage, department,
 * promised date and light — no applicant, staff name or opinion.
 */
export function hallView(ctx: ViewContext): View {
  let cases: readonly BoardCase[] = [];
  let total = 0;
  let counts: Readonly<LightCounts> = { red: 0, yellow: 0, green: 0, none: 0 };
  let page = 0;
  let latest = 0;
  let reloadTimer: ReturnType<typeof setTimeout> | null = null;
  const pages = () => Math.max(1, Math.ceil(total / PAGE));
  const load = async (): Promise<void> => {
    const request = ++latest;
    try {
      const answer = await api.board({ limit: PAGE, offset: page * PAGE });
      if (request !== latest) return;
      // Cases closed since the last roll: start again from the first page.
      if (answer.items.length === 0 && page > 0 && answer.total > 0) {
        page = 0;
        return load();
      }
      ({ items: cases, total, counts } = answer);
    } catch {
      // the hall keeps showing what it had; the next event or roll retries
    }
    ctx.rerender();
  };
  void load();
  // Events that arrive together are answered with one reload of the page on screen.
  const stream = openStream(() => {
    reloadTimer ??= setTimeout(() => {
      reloadTimer = null;
      void load();
    }, RELOAD_DELAY_MS);
  });
  const roll = setInterval(() => {
    page = (page + 1) % pages();
    void load();
  }, ROLL_MS);
  const clock = setInterval(() => ctx.rerender(), 30_000);

  return {
    bare: true,
    dispose() {
      stream.close();
      clearInterval(roll);
      clearInterval(clock);
      if (reloadTimer !== null) clearTimeout(reloadTimer);
    },
    template() {
      return html`<section class="hall" aria-labelledby="hall-title">
        <header>
          <h1 id="hall-title">${t('hall.title')}</h1>
          <p class="hall-summary">${t('hall.summary', { total, ...counts })}</p>
          <button type="button" class="fullscreen" @click=${() => void document.documentElement.requestFullscreen?.()}>
            ${t('hall.fullscreen')}</button>
        </header>
        <table>
          <thead><tr><th scope="col">${t('hall.col.case')}</th><th scope="col">${t('hall.col.matter')}</th>
            <th scope="col">${t('hall.col.stage')}</th><th scope="col">${t('hall.col.due')}</th>
            <th scope="col">${t('hall.col.state')}</th></tr></thead>
          <tbody>${cases.map(
            (c) => html`<tr data-light=${c.urgency ?? 'none'}>
              <td>${maskCaseId(c.caseId)}</td><td>${dash(c.matterCode)}</td>
              <td>${c.tasks.map((task) => `${task.name ?? ''}（${task.department ?? ''}）`).join('、') || '—'}</td>
              <td>${dash(c.lastDay)}</td><td>${lightBadge(c.urgency, true)}</td></tr>`,
          )}</tbody>
        </table>
        <footer data-page=${page + 1} data-pages=${pages()}>${Math.min(page + 1, pages())} / ${pages()}</footer>
      </section>`;
    },
  };
}
