import { html, nothing } from 'lit-html';
import * as api from '../api/routes.js';
import { openStream } from '../api/stream.js';
import type { WorklistItem } from '../api/types.js';
import { session } from '../auth/session.js';
import { t } from '../i18n/index.js';
import { dash, dateTime, errorBox, lightBadge, loading } from '../ui/parts.js';
import type { View, ViewContext } from '../ui/view.js';

/** 待办: the department's open tasks, most urgent first (the server's order), live. */
export function worklistView(ctx: ViewContext): View {
  let items: WorklistItem[] | null = null;
  let error: unknown = null;
  /** Cases with a 督办 for this department seen on the stream and not yet answered. */
  const supervised = new Set<string>();
  const department = session.claims()?.department ?? '';

  const load = async (): Promise<void> => {
    try {
      items = (await api.worklist()).items;
      error = null;
    } catch (failure) {
      error = failure;
    }
    ctx.rerender();
  };
  void load();
  const stream = openStream((event) => {
    const payload = event.data.payload;
    const addressed =
      typeof payload === 'object' &&
      payload !== null &&
      'department' in payload &&
      payload.department === department;
    if (event.type === 'case.supervised' && event.caseId && addressed) supervised.add(event.caseId);
    if (event.type === 'supervision.answered' && event.caseId) supervised.delete(event.caseId);
    void load();
  });

  return {
    dispose: () => stream.close(),
    template() {
      return html`<section aria-labelledby="worklist-title">
        <header class="screen-head"><h1 id="worklist-title">${t('worklist.title', { department })}</h1></header>
        ${errorBox(error)}
        ${
          items === null
            ? loading()
            : items.length === 0
              ? html`<p class="empty">${t('worklist.empty')}</p>`
              : html`<div class="table-wrap"><table class="worklist">
            <thead><tr>
              <th scope="col">${t('board.col.light')}</th><th scope="col">${t('board.col.case')}</th>
              <th scope="col">${t('board.col.matter')}</th><th scope="col">${t('worklist.col.task')}</th>
              <th scope="col">${t('board.col.due')}</th><th scope="col">${t('board.col.left')}</th>
              <th scope="col">${t('worklist.col.opened')}</th>
            </tr></thead>
            <tbody>${items.map(
              (item) => html`<tr data-case-id=${item.caseId} data-task-id=${item.task.taskId}
                  data-light=${item.task.light ?? item.caseLight ?? 'none'}>
                <td>${lightBadge(item.task.light ?? item.caseLight, true)}</td>
                <td>${item.caseId}
                  ${supervised.has(item.caseId) ? html`<span class="flag" data-flag="supervised">${t('worklist.supervised')}</span>` : nothing}</td>
                <td>${dash(item.matterCode)}</td>
                <td><a href=${`#/tasks/${encodeURIComponent(item.caseId)}/${encodeURIComponent(item.task.taskId)}`}>
                  ${item.task.name ?? item.task.elementId}</a></td>
                <td>${dash(item.task.lastDay)}</td>
                <td class="num">${dash(item.task.remainingWorkingDays)}</td>
                <td>${dateTime(item.task.openedAt)}</td>
              </tr>`,
            )}</tbody></table></div>`
        }
      </section>`;
    },
  };
}
