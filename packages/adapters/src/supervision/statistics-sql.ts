import type { StatisticsDimension } from '@tongban/engine';
import { EXTENSION_EVENT_TYPES, SUSPENSION_EVENT_TYPES } from '@tongban/engine/internal';
import { BEIJING_OFFSET_MS, STATISTICS_EVENTS } from '@tongban/engine/supervision';
import { type SQL, sql } from 'drizzle-orm';

/**
 * The SQL of what one event adds to the statistics of one dimension: the same definitions as the
 * engine's pure `computeStatistics` (docs/supervision.md). Both the roll-up (folding events into
 * `statistics_days`) and the statistics query (reading the events not rolled up) use it, so the
 * two paths cannot drift apart.
 */

/** The statistics dimensions, in the order the roll-up folds them. */
export const DIMENSIONS: readonly StatisticsDimension[] = ['matter', 'window', 'department', 'staff'];

export const DAY_MS = 86_400_000;

/** The engine's `beijingDayStart` in SQL, in exact bigint arithmetic (also before 1970). */
export function dayStartSql(at: SQL): SQL {
  return sql`(${at} - (((${at} + ${BEIJING_OFFSET_MS}::bigint) % ${DAY_MS}::bigint + ${DAY_MS}::bigint) % ${DAY_MS}::bigint))`;
}

// The engine's statistics decide which events count for which figure, for both paths.
const RECEIVE = STATISTICS_EVENTS.received;
const COMPLETE = STATISTICS_EVENTS.completed;
// The engine's event traits decide which events are suspensions and extensions, for both paths.
const SUSPENSIONS: readonly string[] = SUSPENSION_EVENT_TYPES;
const EXTENSIONS: readonly string[] = EXTENSION_EVENT_TYPES;

/** The event types that count for a dimension; any other event adds nothing (and no group). */
export function countedTypes(by: StatisticsDimension): string[] {
  return [
    RECEIVE[by],
    COMPLETE[by],
    ...SUSPENSIONS,
    ...EXTENSIONS,
    STATISTICS_EVENTS.urges,
    STATISTICS_EVENTS.supervisions,
  ];
}

/** Every type any dimension counts. */
export const ALL_COUNTED_TYPES: readonly string[] = [...new Set(DIMENSIONS.flatMap(countedTypes))];

/**
 * One of our own constant event types as an SQL literal (never user input): a literal, not a
 * bound parameter, so the same expression in a select list and its group by stays the same.
 */
export const typeLiteral = (type: string): SQL => sql.raw(`'${type.replaceAll("'", "''")}'`);

/** A list of our own constant event types as an SQL literal list (never user input). */
export const typeList = (types: readonly string[]): SQL =>
  sql.raw(`(${types.map((type) => `'${type.replaceAll("'", "''")}'`).join(', ')})`);

/** Column names of the figures, in `STATISTICS_COUNTERS` order, as stored in `statistics_days`. */
export const FIGURE_COLUMNS = [
  ['received', 'received'],
  ['completed', 'completed'],
  ['completedOnTime', 'completed_on_time'],
  ['completedEarly', 'completed_early'],
  ['overdue', 'overdue'],
  ['workingDaysOver', 'working_days_over'],
  ['timed', 'timed'],
  ['workingDaysUsed', 'working_days_used'],
  ['suspensions', 'suspensions'],
  ['extensions', 'extensions'],
  ['urges', 'urges'],
  ['supervisions', 'supervisions'],
] as const;

/** Sums (not counts) are float8, as the engine's numbers; the rest are counts. */
export const SUM_FIGURES: ReadonlySet<string> = new Set(['working_days_over', 'working_days_used']);

/**
 * The facts of the events of `events e` matching `where` that statistics read, each JSON field
 * parsed once: `case_id`, `type`, `at`, `department`, `staff` (actor, or approver of an
 * extension), `late`, `remaining` and `used` (working days, null when not recorded) and the
 * window of an acceptance event. The engine writes departments, actors and windows as strings (or
 * leaves them out), so `->>` reads them exactly as the pure reducer does.
 */
export function eventFacts(where: SQL): SQL {
  const data = sql`(e.payload -> 'data')`;
  const number = (field: string): SQL =>
    sql`(case when jsonb_typeof(${data} -> ${sql.raw(`'${field}'`)}) = 'number'
      then (${data} ->> ${sql.raw(`'${field}'`)})::float8 end)`;
  return sql`select e.case_id, e.type, e.at, e.payload ->> 'department' as department,
      coalesce(e.payload #>> '{data,actor}', e.payload #>> '{data,approver}') as staff,
      coalesce(${data} -> 'late' = 'true'::jsonb, false) as late,
      ${number('remainingWorkingDays')} as remaining, ${number('workingDaysUsed')} as used,
      (case when e.type = ${typeLiteral(STATISTICS_EVENTS.received.window)} then e.payload #>> '{data,window}' end) as own_window
    from events e where ${where}`;
}

function keyExpression(by: StatisticsDimension): SQL {
  switch (by) {
    case 'matter':
      return sql`(select c.matter_code from cases c where c.id = f.case_id)`;
    case 'window':
      // The window that accepted the case: its first acceptance event (the case's first event).
      return sql`(case when f.type = ${typeLiteral(STATISTICS_EVENTS.received.window)} then f.own_window else (select a.payload #>> '{data,window}'
        from events a where a.case_id = f.case_id and a.type = ${typeLiteral(STATISTICS_EVENTS.received.window)} order by a.seq limit 1) end)`;
    case 'department':
      return sql`f.department`;
    case 'staff':
      return sql`f.staff`;
  }
}

/**
 * One row per event of `source` (a relation of {@link eventFacts}) that counts for `by`: `key`,
 * `day_start` and the twelve figures it adds (0 or 1, or a number of working days). Events
 * without a group are left out for department and staff, as in the engine.
 */
export function contributions(by: StatisticsDimension, source: SQL): SQL {
  const receive = RECEIVE[by];
  const complete = COMPLETE[by];
  const isComplete = sql`f.type = ${complete}`;
  const one = (condition: SQL): SQL => sql`(case when ${condition} then 1 else 0 end)`;
  const inner = sql`select ${keyExpression(by)} as key, ${dayStartSql(sql`f.at`)} as day_start,
      ${one(sql`f.type = ${receive}`)} as received,
      ${one(isComplete)} as completed,
      ${one(sql`${isComplete} and not f.late`)} as completed_on_time,
      ${one(sql`${isComplete} and f.remaining > 0`)} as completed_early,
      ${one(sql`${isComplete} and f.late`)} as overdue,
      (case when ${isComplete} and f.late and f.remaining is not null then 0 - f.remaining else 0 end)::float8
        as working_days_over,
      ${one(sql`${isComplete} and f.used is not null`)} as timed,
      (case when ${isComplete} and f.used is not null then f.used else 0 end)::float8 as working_days_used,
      ${one(sql`f.type in ${typeList(SUSPENSIONS)}`)} as suspensions,
      ${one(sql`f.type in ${typeList(EXTENSIONS)}`)} as extensions,
      ${one(sql`f.type = ${typeLiteral(STATISTICS_EVENTS.urges)}`)} as urges,
      ${one(sql`f.type = ${typeLiteral(STATISTICS_EVENTS.supervisions)}`)} as supervisions
    from ${source} f
    where f.type in ${typeList(countedTypes(by))}`;
  const dropNullKeys = by === 'department' || by === 'staff';
  return dropNullKeys ? sql`select * from (${inner}) g where g.key is not null` : inner;
}

/** `sum(x)` of every figure, named as the table's columns. */
export function summedFigures(prefix: SQL = sql``): SQL {
  return sql.join(
    FIGURE_COLUMNS.map(
      ([, column]) =>
        sql`coalesce(sum(${prefix}${sql.identifier(column)}), 0)::${sql.raw(SUM_FIGURES.has(column) ? 'float8' : 'int')} as ${sql.identifier(column)}`,
    ),
    sql`, `,
  );
}
