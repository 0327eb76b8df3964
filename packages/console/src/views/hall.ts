import { html } from 'lit-html';
import * as api from '../api/routes.js';
import { openStream } from '../api/stream.js';
import type { BoardCase } from '../api/types.js';
import { t } from '../i18n/index.js';
import { dash, lightBadge } from '../ui/parts.js';
import type { View, ViewContext } from '../ui/view.js';
import { countLights } from './board-model.js';

const PAGE = 12;
const ROLL_MS = 8000;

/** A case number as the hall shows it: the first and last characters, the middle masked. */
export function maskCaseId(caseId: string): string {
  if (caseId.length <= 6) return caseId;
  return `${caseId.slice(0, 4)}****${caseId.slice(-4)}`;
}

/**
 * 大厅屏: a full-screen board that rolls through open cases a page at a time. It shows matter,
 * stage, department, promised date and light — no applicant, staff name or opinion.
 */
export function hallView(ctx: ViewContext): View {
  let cases: BoardCase[] = [];
  let page = 0;
  const load = async (): Promise<void> => {
    try {
      cases = await api.board({ limit: 500 });
    } catch {
      // the hall keeps showing what it had; the next event or roll retries
    }
    ctx.rerender();
  };
  void load();
  const stream = openStream(() => void load());
  const roll = setInterval(() => {
    page = cases.length <= PAGE ? 0 : (page + 1) % Math.ceil(cases.length / PAGE);
    ctx.rerender();
  }, ROLL_MS);
  const clock = setInterval(() => ctx.rerender(), 30_000);

  return {
    bare: true,
    dispose() {
      stream.close();
      clearInterval(roll);
      clearInterval(clock);
    },
    template() {
      const counts = countLights(cases);
      const shown = cases.slice(page * PAGE, page * PAGE + PAGE);
      return html`<section class="hall" aria-labelledby="hall-title">
        <header>
          <h1 id="hall-title">${t('hall.title')}</h1>
          <p class="hall-summary">${t('hall.summary', { total: cases.length, ...counts })}</p>
          <button type="button" class="fullscreen" @click=${() => void document.documentElement.requestFullscreen?.()}>
            ${t('hall.fullscreen')}</button>
        </header>
        <table>
          <thead><tr><th scope="col">${t('hall.col.case')}</th><th scope="col">${t('hall.col.matter')}</th>
            <th scope="col">${t('hall.col.stage')}</th><th scope="col">${t('hall.col.due')}</th>
            <th scope="col">${t('hall.col.state')}</th></tr></thead>
          <tbody>${shown.map(
            (c) => html`<tr data-light=${c.urgency ?? 'none'}>
              <td>${maskCaseId(c.caseId)}</td><td>${dash(c.matterCode)}</td>
              <td>${c.tasks.map((task) => `${task.name ?? ''}（${task.department ?? ''}）`).join('、') || '—'}</td>
              <td>${dash(c.lastDay)}</td><td>${lightBadge(c.urgency, true)}</td></tr>`,
          )}</tbody>
        </table>
        <footer>${Math.min(page + 1, Math.max(1, Math.ceil(cases.length / PAGE)))} / ${Math.max(1, Math.ceil(cases.length / PAGE))}</footer>
      </section>`;
    },
  };
}
