import { html, nothing } from 'lit-html';
import { repeat } from 'lit-html/directives/repeat.js';
import { openStream } from '../api/stream.js';
import type { BoardCase, Light } from '../api/types.js';
import { t } from '../i18n/index.js';
import { dash, errorBox, lightBadge, loading, statusText } from '../ui/parts.js';
import type { View, ViewContext } from '../ui/view.js';
import { type BoardFilters, choices, filterCases } from './board-model.js';
import { BoardPager } from './board-pager.js';
import { BOARD_PAGE } from './page-sizes.js';

/** Events that arrive together are answered with one reload. */
const RELOAD_DELAY_MS = 250;

/**
 * Rows drawn in the board's first frame: more than a tall screen shows. The rest of the first page
 * follows once that frame is painted, so the most urgent cases appear without waiting for the
 * layout of rows below the fold.
 */
const FIRST_FRAME_ROWS = 30;

/** Runs `then` after the next frame has been painted. */
const afterPaint = (then: () => void): void => {
  requestAnimationFrame(() => setTimeout(then, 0));
};

/**
 * 实时监察看板: every open case, most urgent first, a page at a time, live through the event stream.
 * The tiles count every matching open case (the server's counts), not the rows loaded.
 */
export function boardView(ctx: ViewContext): View {
  let shown: BoardCase[] = [];
  let live = false;
  let reloadTimer: ReturnType<typeof setTimeout> | null = null;
  const updated = new Set<string>();
  /** Filter values seen in any answer, so narrowing one filter does not empty the others' lists. */
  const known = { regions: new Set<string>(), matters: new Set<string>(), departments: new Set<string>() };
  const remember = (loaded: readonly BoardCase[]) => {
    const seen = choices(loaded);
    for (const v of seen.regions) known.regions.add(v);
    for (const v of seen.matters) known.matters.add(v);
    for (const v of seen.departments) known.departments.add(v);
  };
  let drawn = Number.POSITIVE_INFINITY;
  const pager = new BoardPager((rows) => {
    if (pager.generation === 1 && rows.length > FIRST_FRAME_ROWS) {
      drawn = FIRST_FRAME_ROWS;
      afterPaint(() => {
        drawn = Number.POSITIVE_INFINITY;
        ctx.rerender();
      });
    }
    remember(rows);
    apply();
  });
  const apply = (): void => {
    shown = pager.rows ? filterCases(pager.rows, pager.filters) : [];
    ctx.rerender();
  };
  void pager.reload();

  const stream = openStream(
    (event) => {
      if (event.caseId) updated.add(event.caseId);
      if (reloadTimer === null)
        reloadTimer = setTimeout(() => {
          reloadTimer = null;
          void pager.reload().then(() => setTimeout(() => updated.clear(), 2000));
        }, RELOAD_DELAY_MS);
    },
    (state) => {
      live = state;
      ctx.rerender();
    },
  );

  const onFilter = (event: Event): void => {
    const form = (event.currentTarget as HTMLElement).closest('form');
    if (!form) return;
    const data = new FormData(form);
    const value = (name: string) => String(data.get(name) ?? '');
    const light = value('light');
    // The rows loaded are narrowed at once; the server's answer (first page, total, counts) follows.
    void pager.filter({
      region: value('region'),
      matter: value('matter'),
      department: value('department'),
      light: light === 'red' || light === 'yellow' || light === 'green' ? light : '',
    });
    apply();
  };

  const select = (
    name: keyof BoardFilters,
    label: string,
    options: readonly { value: string; text: string }[],
  ) =>
    html`<label>${label}
      <select name=${name} data-filter=${name} @change=${onFilter}>
        <option value="">${t('board.filter.all')}</option>
        ${options.map((o) => html`<option value=${o.value} ?selected=${pager.filters[name] === o.value}>${o.text}</option>`)}
      </select></label>`;

  // The first row's case number is marked for the browser's Element Timing: when it was painted,
  // as the board's first render (bench:console reads it; a monitoring script could too).
  const row = (
    c: BoardCase,
    index: number,
  ) => html`<tr data-case-id=${c.caseId} data-light=${c.urgency ?? 'none'}
      class=${updated.has(c.caseId) ? 'updated' : ''}>
    <td elementtiming=${index === 0 ? 'board-first-row' : nothing}><a
      href=${`#/cases/${encodeURIComponent(c.caseId)}`}>${c.caseId}</a></td>
    <td>${dash(c.matterCode)}</td>
    <td>${dash(c.leadDepartment)}</td>
    <td>${c.tasks.map(
      (task) => html`<span class="task-chip">${lightBadge(task.light)} ${task.name ?? task.elementId}
        <small>${dash(task.department)}</small></span>`,
    )}</td>
    <td class="light-cell">${lightBadge(c.urgency, true)}</td>
    <td>${dash(c.lastDay)}</td>
    <td class="num">${dash(c.remainingWorkingDays)}</td>
    <td>${statusText(c.status)}</td>
  </tr>`;

  const table = (loaded: number) => html`<p class="count" data-total=${pager.total}>
      ${t('board.count', { total: pager.total, shown: shown.length })}</p>
    <div class="table-wrap"><table class="cases">
      <thead><tr>
        <th scope="col">${t('board.col.case')}</th><th scope="col">${t('board.col.matter')}</th>
        <th scope="col">${t('board.col.lead')}</th><th scope="col">${t('board.col.tasks')}</th>
        <th scope="col">${t('board.col.light')}</th><th scope="col">${t('board.col.due')}</th>
        <th scope="col">${t('board.col.left')}</th><th scope="col">${t('board.col.status')}</th>
      </tr></thead>
      <tbody>${repeat(shown.length > drawn ? shown.slice(0, drawn) : shown, (c) => c.caseId, row)}</tbody>
    </table></div>
    ${shown.length === 0 ? html`<p class="empty">${t('board.empty')}</p>` : ''}
    ${
      pager.hasMore
        ? html`<p class="more"><button type="button" data-action="more" ?disabled=${pager.loadingMore}
            @click=${() => void pager.more()}>
            ${t('board.more', { n: Math.min(BOARD_PAGE, pager.total - loaded), shown: loaded, total: pager.total })}
          </button></p>`
        : ''
    }`;

  return {
    dispose() {
      stream.close();
      if (reloadTimer !== null) clearTimeout(reloadTimer);
    },
    template() {
      const { counts, rows } = pager;
      const sorted = (set: Set<string>) => [...set].sort((a, b) => a.localeCompare(b, 'zh-CN'));
      const options = {
        regions: sorted(known.regions),
        matters: sorted(known.matters),
        departments: sorted(known.departments),
      };
      const plain = (values: string[]) => values.map((v) => ({ value: v, text: v }));
      const lights: { value: Light; text: string }[] = [
        { value: 'red', text: t('light.red') },
        { value: 'yellow', text: t('light.yellow') },
        { value: 'green', text: t('light.green') },
      ];
      return html`<section class="board" aria-labelledby="board-title" data-generation=${pager.generation}>
        <header class="screen-head">
          <h1 id="board-title">${t('board.title')}</h1>
          <span class=${live ? 'live on' : 'live off'} role="status" data-live=${String(live)}>
            ${live ? t('board.live') : t('board.offline')}</span>
        </header>
        <form class="filters" @submit=${(e: Event) => e.preventDefault()}>
          ${select('region', t('board.filter.region'), plain(options.regions))}
          ${select('matter', t('board.filter.matter'), plain(options.matters))}
          ${select('department', t('board.filter.department'), plain(options.departments))}
          ${select('light', t('board.filter.light'), lights)}
        </form>
        <div class="tiles" aria-live="polite">
          <div class="tile red" data-count="red"><b>${counts.red}</b> ${t('light.redLong')}</div>
          <div class="tile yellow" data-count="yellow"><b>${counts.yellow}</b> ${t('light.yellowLong')}</div>
          <div class="tile green" data-count="green"><b>${counts.green}</b> ${t('light.greenLong')}</div>
        </div>
        ${errorBox(pager.error)}
        ${rows === null ? loading() : table(rows.length)}
      </section>`;
    },
  };
}
