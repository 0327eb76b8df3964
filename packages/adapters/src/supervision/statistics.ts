import type { Instant, StatisticsDimension, StatisticsRow } from '@tongban/engine';
import { beijingDayStart, STATISTICS_COUNTERS, statisticsRow } from '@tongban/engine/supervision';
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../store/database.js';
import { ROLLUP_NAME, readWatermark } from './rollup.js';
import {
  contributions,
  countedTypes,
  DAY_MS,
  eventFacts,
  FIGURE_COLUMNS,
  summedFigures,
  typeList,
} from './statistics-sql.js';

/** What {@link queryStatistics} aggregates. */
export interface StatisticsRequest {
  /** Period start (inclusive). */
  readonly from: Instant;
  /** Period end (exclusive). */
  readonly to: Instant;
  readonly by: StatisticsDimension;
}

/**
 * The whole Beijing days inside `[from, to)`, as `[start, end)`: those come from the roll-up;
 * the partial days at either end are read from the events. Empty (start = end = to) when the
 * period holds no whole day.
 */
export function wholeDays(from: Instant, to: Instant): { start: number; end: number } {
  const first = beijingDayStart(from);
  const start = first === from ? from : first + DAY_MS;
  const end = beijingDayStart(to);
  return start < end ? { start, end } : { start: to, end: to };
}

type RawRow = { key: string | null; sentinel: boolean; watermark: string | number } & Record<
  string,
  number | string
>;

/**
 * 效能监察 statistics on PGlite or PostgreSQL: the same definitions, and exactly the same numbers,
 * as the engine's pure `computeStatistics` over the same events (see docs/supervision.md). Rows
 * sorted by key, null last.
 *
 * Whole Beijing days of the period come from the roll-up (`statistics_days`, kept by
 * {@link rollUpStatistics}) for the events up to its watermark; the events after the watermark,
 * and those of the partial days at either end, are aggregated from `events`. One statement reads
 * both in one snapshot, so the answer is exact at any moment, rolled up or not: a lagging roll-up
 * only makes the query slower.
 */
export async function queryStatistics(db: Executor, request: StatisticsRequest): Promise<StatisticsRow[]> {
  const { by, from, to } = request;
  const days = wholeDays(from, to);
  // The watermark read here is only a hint for the planner (an index range on `events.id`); the
  // statement re-reads it in its own snapshot and reads the events after the larger of the two,
  // so a roll-up committing in between changes nothing. Only a reset (watermark going back) makes
  // it read again.
  let hint = await readWatermark(db);
  for (;;) {
    const rows = await statisticsStatement(db, by, from, to, days, hint);
    const sentinel = rows.find((row) => row.sentinel);
    const watermark = Number(sentinel?.watermark ?? 0);
    if (watermark >= hint) return toRows(rows.filter((row) => !row.sentinel));
    hint = watermark;
  }
}

function statisticsStatement(
  db: Executor,
  by: StatisticsDimension,
  from: Instant,
  to: Instant,
  days: { start: number; end: number },
  hint: number,
): Promise<RawRow[]> {
  const types = typeList(countedTypes(by));
  const columns = sql.join(
    FIGURE_COLUMNS.map(([, column]) => sql.identifier(column)),
    sql`, `,
  );
  const zeros = sql.join(
    FIGURE_COLUMNS.map(() => sql`0`),
    sql`, `,
  );
  const fromBig = sql`${from}::bigint`;
  const toBig = sql`${to}::bigint`;
  const start = sql`${days.start}::bigint`;
  const end = sql`${days.end}::bigint`;
  return queryRows<RawRow>(
    db,
    sql`with s as (select coalesce(max(watermark), 0)::bigint as w from statistics_rollup where name = ${ROLLUP_NAME}),
      raw as (
        ${eventFacts(sql`e.type in ${types} and ((e.at >= ${fromBig} and e.at < ${start}) or (e.at >= ${end} and e.at < ${toBig}))`)}
        union all
        ${eventFacts(sql`e.id > ${hint}::bigint and e.id > (select w from s)
          and e.type in ${types} and e.at >= ${start} and e.at < ${end}`)}
      ),
      u as (
        select key, ${columns} from (${contributions(by, sql`raw`)}) c
        union all
        select case when d.has_key then d.key end, ${columns} from statistics_days d
        where d.dimension = ${by} and d.day_start >= ${start} and d.day_start < ${end}
      )
      select u.key, false as sentinel, (select w from s) as watermark, ${summedFigures(sql`u.`)}
      from u group by u.key
      union all
      select null, true, (select w from s), ${zeros}`,
  );
}

function toRows(rows: RawRow[]): StatisticsRow[] {
  // Sorted here, not by the server's collation, so the order is the engine's (code units).
  rows.sort((a, b) =>
    a.key === b.key ? 0 : a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : 1,
  );
  const names = Object.fromEntries(FIGURE_COLUMNS) as Record<(typeof STATISTICS_COUNTERS)[number], string>;
  return rows.map((row) => {
    const counts = Object.fromEntries(
      STATISTICS_COUNTERS.map((name) => [name, Number(row[names[name]])]),
    ) as Record<(typeof STATISTICS_COUNTERS)[number], number>;
    return statisticsRow(row.key, counts);
  });
}
