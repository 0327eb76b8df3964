/** Statistics as a plain-text table with a total line, for the terminal (moved out of the engine). */
import type { CaseEvent, StatisticsDimension, StatisticsRow } from '@tongban/engine';
import { computeStatistics, totalStatistics } from '@tongban/engine/supervision';
import { displayWidth, padCell } from './text-width.js';

/** Column headings of {@link formatStatistics}, in order. */
export const STATISTICS_HEADINGS = [
  ['received', '收件'],
  ['completed', '办结'],
  ['completedOnTime', '按时'],
  ['completedEarly', '提前'],
  ['overdue', '逾期'],
  ['workingDaysOver', '逾期工作日'],
  ['averageWorkingDaysUsed', '平均用时(工作日)'],
  ['suspensions', '挂起'],
  ['extensions', '延期'],
  ['urges', '催办'],
  ['supervisions', '督办'],
] as const satisfies readonly (readonly [keyof StatisticsRow, string])[];

const cell = (value: number | null): string =>
  value === null ? '-' : Number.isInteger(value) ? String(value) : value.toFixed(2);

/** The words of a {@link formatStatistics} table, so a host can print it in one language. */
export interface StatisticsLabels {
  /** Heading of the first column (the dimension grouped by). */
  readonly by: string;
  /** One heading per {@link STATISTICS_HEADINGS} column, in order. */
  readonly headings: readonly string[];
  readonly total: string;
  /** The key of a group whose department, matter or person is not recorded. */
  readonly unknown: string;
}

const DIMENSION_NAMES: Readonly<Record<string, string>> = {
  department: '部门',
  matter: '事项',
  staff: '人员',
  window: '窗口',
};

/** A plain-text table of statistics rows with a total line: for terminals and logs. */
export function formatStatistics(
  rows: readonly StatisticsRow[],
  by: StatisticsDimension | string = 'group',
  // Chinese by default, the first column's heading included: one language per table.
  labels: StatisticsLabels = {
    by: DIMENSION_NAMES[by] ?? by,
    headings: STATISTICS_HEADINGS.map(([, heading]) => heading),
    total: '合计',
    unknown: '(未知)',
  },
): string {
  const body = [...rows, { ...totalStatistics(rows), key: labels.total }];
  const table = [
    [labels.by, ...STATISTICS_HEADINGS.map(([name], i) => labels.headings[i] ?? name)],
    ...body.map((row) => [
      row.key ?? labels.unknown,
      ...STATISTICS_HEADINGS.map(([name]) => cell(row[name])),
    ]),
  ];
  const widths = table[0]!.map((_, column) =>
    Math.max(...table.map((line) => displayWidth(line[column] ?? ''))),
  );
  return `${table
    .map((line) =>
      line
        .map((text, column) => padCell(text, widths[column] ?? 0, column === 0 ? 'left' : 'right'))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`;
}

/** Statistics of a set of events over all time, formatted: what a demo prints at the end. */
export function statisticsSummary(
  events: Iterable<CaseEvent>,
  by: StatisticsDimension = 'department',
  matterOf?: (caseId: string) => string | null,
): string {
  const rows = computeStatistics(events, {
    from: Number.MIN_SAFE_INTEGER,
    to: Number.MAX_SAFE_INTEGER,
    by,
    ...(matterOf ? { matterOf } : {}),
  });
  return formatStatistics(rows, by);
}
