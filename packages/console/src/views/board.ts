import { html } from 'lit-html';
import { repeat } from 'lit-html/directives/repeat.js';
import * as api from '../api/routes.js';
import { openStream } from '../api/stream.js';
import type { BoardCase, Light } from '../api/types.js';
import { t } from '../i18n/index.js';
import { dash, errorBox, lightBadge, loading, statusText } from '../ui/parts.js';
import type { View, ViewContext } from '../ui/view.js';
import { type BoardFilters, choices, countLights, filterCases, NO_FILTERS } from './board-model.js';

/** Rows drawn at once: the most urgent; the counts above cover every case loaded. */
const ROWS = 200;
/** The server's largest board page: the most urgent cases matching the filters. */
const BOARD_LIMIT = 500;
/** Events that arrive together are answered with one reload. */
const RELOAD_DELAY_MS = 250;

/** 实时监察看板: every open case, most urgent first, live through the event stream. */
export function boardView(ctx: ViewContext): View {
  let cases: BoardCase[] | null = null;
  let shown: BoardCase[] = [];
  let filters: BoardFilters = NO_FILTERS;
  let error: unknown = null;
  let live = false;
  let reloadTimer: ReturnType<typeof setTimeout> | null = null;
  /** Answers drawn so far (on the section as data-generation, for the benchmark and the tests). */
  let generation = 0;
  const updated = new Set<string>();
  /** Filter values seen in any answer, so narrowing one filter does not empty the others' lists. */
  const known = { regions: new Set<string>(), matters: new Set<string>(), departments: new Set<string>() };
  const remember = (loaded: readonly BoardCase[]) => {
    const seen = choices(loaded);
    for (const v of seen.regions) known.regions.add(v);
    for (const v of seen.matters) known.matters.add(v);
    for (const v of seen.departments) known.departments.add(v);
  };

  const apply = (): void => {
    shown = cases ? filterCases(cases, filters) : [];
    ctx.rerender();
  };
  const load = async (): Promise<void> => {
    try {
      // The server picks the most urgent cases matching the filters; the page filters them again
      // at once when a filter changes, then this answer completes the list.
      cases = await api.board({
        limit: BOARD_LIMIT,
        ...(filters.region ? { region: filters.region } : {}),
        ...(filters.matter ? { matter: filters.matter } : {}),
        ...(filters.department ? { department: filters.department } : {}),
        ...(filters.light ? { light: filters.light } : {}),
      });
      remember(cases);
      generation += 1;
      error = null;
    } catch (failure) {
      error = failure;
    }
    apply();
  };
  void load();

  const stream = openStream(
    (event) => {
      if (event.caseId) updated.add(event.caseId);
      if (reloadTimer === null)
        reloadTimer = setTimeout(() => {
          reloadTimer = null;
          void load().then(() => setTimeout(() => updated.clear(), 2000));
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
    filters = {
      region: value('region'),
      matter: value('matter'),
      department: value('department'),
      light: light === 'red' || light === 'yellow' || light === 'green' ? light : '',
    };
    apply();
    void load();
  };

  const select = (
    name: keyof BoardFilters,
    label: string,
    options: readonly { value: string; text: string }[],
  ) =>
    html`<label>${label}
      <select name=${name} data-filter=${name} @change=${onFilter}>
        <option value="">${t('board.filter.all')}</option>
        ${options.map((o) => html`<option value=${o.value} ?selected=${filters[name] === o.value}>${o.text}</option>`)}
      </select></label>`;

  const row = (c: BoardCase) => html`<tr data-case-id=${c.caseId} data-light=${c.urgency ?? 'none'}
      class=${updated.has(c.caseId) ? 'updated' : ''}>
    <td><a href=${`#/cases/${encodeURIComponent(c.caseId)}`}>${c.caseId}</a></td>
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

  return {
    dispose() {
      stream.close();
      if (reloadTimer !== null) clearTimeout(reloadTimer);
    },
    template() {
      const counts = countLights(shown);
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
      return html`<section class="board" aria-labelledby="board-title" data-generation=${generation}>
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
        ${errorBox(error)}
        ${
          cases === null
            ? loading()
            : html`<p class="count">${t(cases.length >= BOARD_LIMIT ? 'board.countCapped' : 'board.count', {
                total: shown.length,
                shown: Math.min(ROWS, shown.length),
              })}</p>
          <div class="table-wrap"><table class="cases">
            <thead><tr>
              <th scope="col">${t('board.col.case')}</th><th scope="col">${t('board.col.matter')}</th>
              <th scope="col">${t('board.col.lead')}</th><th scope="col">${t('board.col.tasks')}</th>
              <th scope="col">${t('board.col.light')}</th><th scope="col">${t('board.col.due')}</th>
              <th scope="col">${t('board.col.left')}</th><th scope="col">${t('board.col.status')}</th>
            </tr></thead>
            <tbody>${repeat(shown.slice(0, ROWS), (c) => c.caseId, row)}</tbody>
          </table></div>
          ${shown.length === 0 ? html`<p class="empty">${t('board.empty')}</p>` : ''}`
        }
      </section>`;
    },
  };
}
