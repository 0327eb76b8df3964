import {
  type Instant,
  STATISTICS_COUNTERS,
  type StatisticsDimension,
  type StatisticsRow,
  statisticsRow,
} from '@tongban/engine';
import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../store/database.js';

/** What {@link queryStatistics} aggregates. */
export interface StatisticsRequest {
  /** Period start (inclusive). */
  readonly from: Instant;
  /** Period end (exclusive). */
  readonly to: Instant;
  readonly by: StatisticsDimension;
}

const RECEIVE: Readonly<Record<StatisticsDimension, string>> = {
  matter: 'case.started',
  window: 'case.started',
  staff: 'case.started',
  department: 'task.opened',
};
const COMPLETE: Readonly<Record<StatisticsDimension, string>> = {
  matter: 'case.completed',
  window: 'case.completed',
  staff: 'task.completed',
  department: 'task.completed',
};
const SUSPENSIONS = ['case.suspended', 'task.specialProcedureStarted', 'supplement.requested'];
const EXTENSIONS = ['case.extended', 'task.extended'];

/** A list of our own constant event types as an SQL literal list (never user input). */
const list = (types: readonly string[]): SQL =>
  sql.raw(`(${types.map((type) => `'${type.replaceAll("'", "''")}'`).join(', ')})`);

// The engine writes departments, actors and windows as strings (or leaves them out), so `->>`
// reads them exactly as the pure reducer does.
function keyExpression(by: StatisticsDimension): SQL {
  switch (by) {
    case 'matter':
      return sql`c.matter_code`;
    case 'window':
      return sql`s.window`;
    case 'department':
      return sql`(e.payload ->> 'department')`;
    case 'staff':
      return sql`coalesce(e.payload #>> '{data,actor}', e.payload #>> '{data,approver}')`;
  }
}

/** What the key needs joined: the case row (matter) or the case's acceptance event (window). */
function keyJoin(by: StatisticsDimension): SQL {
  if (by === 'matter') return sql`left join cases c on c.id = e.case_id`;
  if (by === 'window')
    return sql`left join (select distinct on (a.case_id) a.case_id, a.payload #>> '{data,window}' as window
      from events a where a.type = 'case.started' order by a.case_id, a.seq) s on s.case_id = e.case_id`;
  return sql``;
}

type RawRow = { key: string | null } & Record<string, number | string>;

/**
 * 效能监察 statistics by SQL aggregation over the event log, on PGlite or PostgreSQL: the same
 * definitions, and exactly the same numbers, as the engine's pure `computeStatistics` over the
 * same events (see docs/supervision.md). Rows sorted by key, null last.
 */
export async function queryStatistics(db: Executor, request: StatisticsRequest): Promise<StatisticsRow[]> {
  const { by } = request;
  const receive = RECEIVE[by];
  const complete = COMPLETE[by];
  const types = [receive, complete, ...SUSPENSIONS, ...EXTENSIONS, 'task.urged', 'case.supervised'];
  const data = sql`(e.payload -> 'data')`;
  const late = sql`(${data} -> 'late' = 'true'::jsonb)`;
  const remainingIsNumber = sql`(jsonb_typeof(${data} -> 'remainingWorkingDays') = 'number')`;
  const remaining = sql`(${data} ->> 'remainingWorkingDays')::float8`;
  const usedIsNumber = sql`(jsonb_typeof(${data} -> 'workingDaysUsed') = 'number')`;
  const isComplete = sql`e.type = ${complete}`;
  const dropNullKeys = by === 'department' || by === 'staff';
  const rows = await queryRows<RawRow>(
    db,
    // A materialised CTE of narrow rows: the planner then hashes ~tens of groups in memory
    // instead of sorting whole event rows (it cannot estimate how few keys there are).
    sql`with k as materialized (
        select ${keyExpression(by)} as key, e.type, ${isComplete} as complete,
          coalesce(${late}, false) as late,
          case when ${remainingIsNumber} then ${remaining} end as remaining,
          case when ${usedIsNumber} then (${data} ->> 'workingDaysUsed')::float8 end as used
        from events e ${keyJoin(by)}
        where e.at >= ${request.from}::bigint and e.at < ${request.to}::bigint
          and e.type in ${list(types)}
      )
      select k.key,
        count(*) filter (where k.type = ${receive})::int as received,
        count(*) filter (where k.complete)::int as completed,
        count(*) filter (where k.complete and not k.late)::int as "completedOnTime",
        count(*) filter (where k.complete and k.remaining > 0)::int as "completedEarly",
        count(*) filter (where k.complete and k.late)::int as overdue,
        coalesce(sum(0 - k.remaining) filter (where k.complete and k.late), 0)::float8 as "workingDaysOver",
        count(k.used) filter (where k.complete)::int as timed,
        coalesce(sum(k.used) filter (where k.complete), 0)::float8 as "workingDaysUsed",
        count(*) filter (where k.type in ${list(SUSPENSIONS)})::int as suspensions,
        count(*) filter (where k.type in ${list(EXTENSIONS)})::int as extensions,
        count(*) filter (where k.type = 'task.urged')::int as urges,
        count(*) filter (where k.type = 'case.supervised')::int as supervisions
      from k
      ${dropNullKeys ? sql`where k.key is not null` : sql``}
      group by k.key`,
  );
  // Sorted here, not by the server's collation, so the order is the engine's (code units).
  rows.sort((a, b) =>
    a.key === b.key ? 0 : a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : 1,
  );
  return rows.map((row) => {
    const counts = Object.fromEntries(STATISTICS_COUNTERS.map((name) => [name, Number(row[name])])) as Record<
      (typeof STATISTICS_COUNTERS)[number],
      number
    >;
    return statisticsRow(row.key, counts);
  });
}
