import type { Instant, Light } from '@tongban/engine';
import { type SQL, sql } from 'drizzle-orm';

/** Narrows the board; every field given must match. */
export interface BoardFilter {
  /** 事项 code. */
  readonly matter?: string;
  /** Cases where this department leads or holds an open task; only its own open tasks are listed. */
  readonly department?: string;
  /** Province, city or county the case is handled in. */
  readonly region?: string;
  /** Cases whose urgency is this light (red: the case or one of its open tasks is overdue). */
  readonly light?: Light;
}

/** Urgencies in board order; a case's rank is its index here (3: no clock). */
export const RANKS: readonly (Light | null)[] = ['red', 'yellow', 'green', null];

const LIVE = sql`('pending', 'running', 'suspended', 'returned')`;
/** The nearest deadline among the case and its open tasks, exactly as the board indexes spell it. */
const NEAREST = sql`least(c.due_at, c.task_due)`;

/** Every filter but `light`, on live cases `c`. */
export function caseFilters(filter: BoardFilter): SQL[] {
  const where: SQL[] = [sql`c.status in ${LIVE}`];
  if (filter.matter !== undefined) where.push(sql`c.matter_code = ${filter.matter}`);
  if (filter.region !== undefined)
    where.push(sql`${filter.region} in (c.region_province, c.region_city, c.region_county)`);
  if (filter.department !== undefined)
    where.push(sql`exists (select 1 from tasks d where d.case_id = c.id and d.department = ${filter.department}
      and (d.status = 'open' or d.role = 'lead'))`);
  return where;
}

/**
 * Red at `now`: the stored light, or a deadline passed (the case's own not while suspended). Then
 * yellow, green and no light by the stored light: a case's rank is its light's index in {@link RANKS}.
 */
function overdue(now: Instant): SQL {
  // Stored lights lag when no timer worker runs; a deadline that has passed is red regardless
  // (a suspended case keeps the light it had, as the engine freezes it). `is true`: a missing
  // deadline is not a passed one.
  return sql`(c.light = 'red' or c.task_due <= ${now}::bigint
    or (c.status <> 'suspended' and c.due_at <= ${now}::bigint)) is true`;
}

/**
 * The page of the board, as rows (id, rank, nearest_due): each urgency is read in the order of an
 * index (`cases_board_light_idx` by light, `cases_board_due_idx` for overdue cases of any light,
 * migration 0009) and stops after `limit + offset` matches, so a page costs about its own rows, not
 * the number of live cases. The parts are disjoint and together are every live case; their union is
 * sorted as the board is: rank, nearest deadline (none last), case id.
 */
export function pageQuery(filter: BoardFilter, now: Instant, limit: number, offset: number): SQL {
  const where = caseFilters(filter);
  const part = (rank: number, condition: SQL) =>
    sql`(select c.id, ${rank}::int as rank, ${NEAREST} as nearest_due from cases c
      where ${sql.join([...where, condition], sql` and `)}
      order by ${NEAREST} asc nulls last, c.id limit ${limit + offset})`;
  const notOverdue = sql`not (${overdue(now)})`;
  const parts: [Light | null, SQL][] = [
    // Red: a deadline passed (found from the deadline index), or stored red with none passed.
    ['red', part(0, sql`${NEAREST} <= ${now}::bigint and ${overdue(now)}`)],
    ['red', part(0, sql`c.light = 'red' and (${NEAREST} > ${now}::bigint or ${NEAREST} is null)`)],
    ['yellow', part(1, sql`c.light = 'yellow' and ${notOverdue}`)],
    ['green', part(2, sql`c.light = 'green' and ${notOverdue}`)],
    // The write function stores the snapshot's light: red, yellow, green or null, nothing else.
    [null, part(3, sql`c.light is null and ${notOverdue}`)],
  ];
  const wanted = parts.filter(([light]) => filter.light === undefined || light === filter.light);
  return sql`select u.id, u.rank, u.nearest_due from (${sql.join(
    wanted.map(([, query]) => query),
    sql` union all `,
  )}) u order by u.rank, u.nearest_due asc nulls last, u.id limit ${limit} offset ${offset}`;
}

/**
 * The board's counts as rows (part, light, n): `all` counts live cases by stored light; `late` the
 * ones not stored red whose deadline has passed (red at `now`), found from the deadline index's
 * overdue range — a passed deadline is a nearest deadline at or before `now`. The urgency counts
 * are `all` moved by `late` ({@link countsOf}), without ranking every case one by one.
 */
export function countQuery(filter: BoardFilter, now: Instant): SQL {
  const where = sql.join(caseFilters(filter), sql` and `);
  return sql`select 'all' as part, c.light, count(*) as n from cases c where ${where} group by c.light
    union all
    select 'late' as part, c.light, count(*) as n from cases c
    where ${where} and ${NEAREST} <= ${now}::bigint and c.light is distinct from 'red' and ${overdue(now)}
    group by c.light`;
}

/** The urgency counts (red, yellow, green, none) from {@link countQuery}'s rows. */
export function countsOf(
  rows: readonly { part: string; light: string | null; n: string | number }[],
): [red: number, yellow: number, green: number, none: number] {
  const counts: [number, number, number, number] = [0, 0, 0, 0];
  for (const row of rows) {
    const rank = row.light === 'red' ? 0 : row.light === 'yellow' ? 1 : row.light === 'green' ? 2 : 3;
    const n = Number(row.n);
    if (row.part === 'all') counts[rank] += n;
    else {
      counts[rank] -= n;
      counts[0] += n;
    }
  }
  return counts;
}
