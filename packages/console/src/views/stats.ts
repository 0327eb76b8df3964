import { html, nothing } from 'lit-html';
import { ref } from 'lit-html/directives/ref.js';
import type { StatisticsBy } from '../api/routes.js';
import * as api from '../api/routes.js';
import type { StatisticsRow } from '../api/types.js';
import { type MessageKey, t } from '../i18n/index.js';
import { dash, errorBox, formValues, loading } from '../ui/parts.js';
import type { View, ViewContext } from '../ui/view.js';

const COLUMNS = [
  'received',
  'completed',
  'completedOnTime',
  'completedEarly',
  'overdue',
  'averageWorkingDaysUsed',
  'urges',
  'supervisions',
] as const satisfies readonly (keyof StatisticsRow)[];

const BEIJING = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });
const day = (at: number) => BEIJING.format(new Date(at));

type Chart = ReturnType<typeof import('./chart.js').barChart>;

/**
 * 效能统计: counts by department, window, staff or matter over a period, as a table and an ECharts
 * bar chart (loaded on first use), the accountability records (督办 and 催办 per group) and exports
 * in GB/T 39046 names.
 */
export function statsView(ctx: ViewContext): View {
  let by: StatisticsBy = 'department';
  let from = day(Date.now() - 90 * 86_400_000);
  let to = day(Date.now() + 86_400_000);
  let rows: StatisticsRow[] | null = null;
  let error: unknown = null;
  let chart: Chart | null = null;
  let chartHost: HTMLElement | null = null;

  const drawChart = async (): Promise<void> => {
    if (!chartHost || !rows) return;
    const { barChart } = await import('./chart.js');
    if (!chart) chart = barChart(chartHost);
    const keys = rows.map((row) => row.key ?? t('stats.none'));
    const series = (['completedOnTime', 'overdue', 'received'] as const).map((name) => ({
      name: t(`stats.${name}` as MessageKey),
      type: 'bar',
      data: rows?.map((row) => row[name]) ?? [],
    }));
    chart.setOption({
      animation: false,
      aria: { enabled: true },
      color: ['#2e7d32', '#c62828', '#1565c0'],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 64 },
      xAxis: { type: 'category', data: keys, axisLabel: { rotate: keys.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series,
    });
  };
  const load = async (): Promise<void> => {
    rows = null;
    ctx.rerender();
    try {
      rows = await api.statistics(by, from, to);
      error = null;
    } catch (failure) {
      error = failure;
      rows = [];
    }
    ctx.rerender();
    void drawChart();
  };
  void load();
  const onShow = (event: Event): void => {
    const values = formValues(event);
    by = (['department', 'window', 'staff', 'matter'] as const).find((b) => b === values.by) ?? 'department';
    from = values.from || from;
    to = values.to || to;
    void load();
  };
  const onExport = (what: string, format: 'csv' | 'json') => () => {
    api.exportFile(what, format, from, to).catch((failure: unknown) => {
      error = failure;
      ctx.rerender();
    });
  };
  const onResize = () => chart?.resize();
  addEventListener('resize', onResize);

  return {
    dispose() {
      removeEventListener('resize', onResize);
      chart?.dispose();
    },
    template() {
      const accountable = (rows ?? []).filter((row) => row.urges > 0 || row.supervisions > 0);
      return html`<section aria-labelledby="stats-title">
        <header class="screen-head"><h1 id="stats-title">${t('stats.title')}</h1></header>
        <form class="filters" @submit=${onShow}>
          <label>${t('stats.by')}<select name="by">
            ${(['department', 'window', 'staff', 'matter'] as const).map(
              (b) => html`<option value=${b} ?selected=${b === by}>${t(`stats.by.${b}`)}</option>`,
            )}</select></label>
          <label>${t('stats.from')}<input type="date" name="from" .value=${from} /></label>
          <label>${t('stats.to')}<input type="date" name="to" .value=${to} /></label>
          <button type="submit">${t('stats.show')}</button>
          <span class="spacer"></span>
          <button type="button" data-export="csv" @click=${onExport('cases', 'csv')}>${t('stats.exportCsv')}</button>
          <button type="button" data-export="json" @click=${onExport('cases', 'json')}>${t('stats.exportJson')}</button>
        </form>
        ${errorBox(error)}
        <div class="chart" role="img" aria-label=${t('stats.title')} ${ref((el) => {
          if (el instanceof HTMLElement && el !== chartHost) {
            chartHost = el;
            chart?.dispose();
            chart = null;
            void drawChart();
          }
        })}></div>
        ${
          rows === null
            ? loading()
            : html`<div class="table-wrap"><table class="stats">
          <thead><tr><th scope="col">${t('stats.key')}</th>
            ${COLUMNS.map((c) => html`<th scope="col">${t(`stats.${c}` as MessageKey)}</th>`)}</tr></thead>
          <tbody>${rows.map(
            (row) => html`<tr data-key=${row.key ?? ''}><th scope="row">${row.key ?? t('stats.none')}</th>
              ${COLUMNS.map((c) => html`<td class="num">${c === 'averageWorkingDaysUsed' && row[c] !== null ? row[c].toFixed(1) : dash(row[c])}</td>`)}</tr>`,
          )}</tbody></table></div>
        <h2>${t('stats.accountability')}</h2>
        ${
          accountable.length === 0
            ? html`<p class="muted">—</p>`
            : html`<ul class="accountability">${accountable.map(
                (
                  row,
                ) => html`<li><b>${row.key ?? t('stats.none')}</b> ${t('stats.supervisions')} ${row.supervisions} ·
                  ${t('stats.urges')} ${row.urges} · ${t('stats.overdue')} ${row.overdue}</li>`,
              )}</ul>`
        }`
        }
        ${nothing}
      </section>`;
    },
  };
}
