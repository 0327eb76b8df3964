import { html, nothing } from 'lit-html';
import * as api from '../api/routes.js';
import { openStream } from '../api/stream.js';
import type { WorklistItem } from '../api/types.js';
import { session } from '../auth/session.js';
import { t } from '../i18n/index.js';
import { dash, dateTime, errorBox, lightBadge, loading } from '../ui/parts.js';
import type { View, ViewContext } from '../ui/view.js';
import { WORKLIST_PAGE } from './page-sizes.js';

/**
 * The first `wanted` tasks in the server's order, in as many requests as its page limit needs;
 * a task seen twice (the list moved between two pages) is shown once.
 */
async function worklistRows(wanted: number): Promise<{ items: WorklistItem[]; total: number }> {
  const first = await api.worklist({ limit: Math.min(wanted, api.WORKLIST_MAX_LIMIT) });
  const seen = new Set(first.items.map((item) => `${item.caseId}/${item.task.taskId}`));
  const items = [...first.items];
  let total = first.total;
  while (items.length < wanted && items.length < total) {
    const next = await api.worklist({
      offset: items.length,
      limit: Math.min(wanted - items.length, api.WORKLIST_MAX_LIMIT),
    });
    total = next.total;
    if (next.items.length === 0) break;
    for (const item of next.items) {
      const key = `${item.caseId}/${item.task.taskId}`;
      if (!seen.has(key)) {
        seen.add(key);
        items.push(item);
      }
    }
  }
  return { items, total };
}

/** 待办: the department's open tasks, most urgent first (the server's order), live. */
export function worklistView(ctx: ViewContext): View {
  let items: WorklistItem[] | null = null;
  let total = 0;
  let error: unknown = null;
  /** Rows asked for: the first page, plus a page for each "more"; a live update asks for as many again. */
  let wanted = WORKLIST_PAGE;
  let latest = 0;
  /** Cases with a 督办 for this department seen on the stream and not yet answered. */
  const supervised = new Set<string>();
  const department = session.claims()?.department ?? '';

  const load = async (): Promise<void> => {
    const request = ++latest;
    try {
      const page = await worklistRows(wanted);
      // Only the newest answer is applied: an older one may be from before a task was done.
      if (request !== latest) return;
      items = page.items;
      total = Math.max(page.total, page.items.length);
      error = null;
    } catch (failure) {
      if (request !== latest) return;
      error = failure;
    }
    ctx.rerender();
  };
  const more = (): void => {
    wanted = (items?.length ?? 0) + WORKLIST_PAGE;
    void load();
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
            )}</tbody></table></div>
            <p class="count" data-total=${total}>${t('worklist.count', { total, shown: items.length })}</p>
            ${
              items.length < total
                ? html`<p class="more"><button type="button" data-action="more" @click=${more}>
                    ${t('worklist.more', { n: Math.min(WORKLIST_PAGE, total - items.length), shown: items.length, total })}
                  </button></p>`
                : nothing
            }`
        }
      </section>`;
    },
  };
}
