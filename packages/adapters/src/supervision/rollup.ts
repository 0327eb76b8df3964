import { sql } from 'drizzle-orm';
import { type Executor, queryRows, type TongbanDatabase } from '../store/database.js';
import {
  ALL_COUNTED_TYPES,
  contributions,
  DIMENSIONS,
  eventFacts,
  FIGURE_COLUMNS,
  typeList,
} from './statistics-sql.js';

/** The one row of `statistics_rollup` this roll-up keeps. */
export const ROLLUP_NAME = 'events';

/** Options of {@link rollUpStatistics}. */
export interface RollUpOptions {
  /** Events folded per transaction (default 50,000). */
  readonly batchSize?: number;
  /** Stop after this many batches (default: until caught up). */
  readonly maxBatches?: number;
  /** How long to wait for commands writing events when the round started (default 10 s). */
  readonly settleTimeoutMs?: number;
  /** Called after each batch. */
  readonly onProgress?: (progress: RollUpProgress) => void;
}

/** Where a roll-up stands after a batch. */
export interface RollUpProgress {
  /** Events folded so far in this call (of every type, counted or not). */
  readonly events: number;
  /** The watermark now: every event with a lower or equal id is in `statistics_days`. */
  readonly watermark: number;
  /** The event id this call rolls up to. */
  readonly target: number;
}

/** What {@link rollUpStatistics} did. */
export interface RollUpResult extends RollUpProgress {
  /** Batches committed. */
  readonly batches: number;
  /** True when another process was rolling up at the same time (this call then did nothing). */
  readonly busy: boolean;
  /** True when everything committed when the call started is rolled up. */
  readonly caughtUp: boolean;
}

/** The roll-up's watermark (0 before the first roll-up). */
export async function readWatermark(db: Executor): Promise<number> {
  const [row] = await queryRows<{ w: string | number }>(
    db,
    sql`select coalesce(max(watermark), 0)::bigint as w from statistics_rollup where name = ${ROLLUP_NAME}`,
  );
  return Number(row?.w ?? 0);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The highest event id below which no event can still appear. Event ids come from a sequence when
 * a command's transaction inserts them, but transactions commit in any order: a command holding
 * id 100 may commit after one holding 101. Every transaction that took an id holds its
 * ROW EXCLUSIVE lock on `events` until it ends (the lock is taken before the id), so after the
 * highest committed id is read, waiting for the transactions holding that lock at that moment —
 * without blocking anyone, as CREATE INDEX CONCURRENTLY does — leaves no id below it in flight.
 * Returns null when they did not finish within the timeout (the round then waits for the next).
 */
async function settledHighWater(db: TongbanDatabase, timeoutMs: number): Promise<number | null> {
  const [high] = await queryRows<{ id: string | number }>(
    db,
    sql`select coalesce(max(id), 0)::bigint as id from events`,
  );
  const writers = await queryRows<{ vxid: string }>(
    db,
    sql`select distinct virtualtransaction as vxid from pg_locks
      where locktype = 'relation' and relation = 'events'::regclass and mode = 'RowExclusiveLock'
        and pid is distinct from pg_backend_pid()`,
  );
  const vxids = writers.map((w) => w.vxid);
  const deadline = Date.now() + timeoutMs;
  while (vxids.length > 0) {
    const [left] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from pg_locks
        where locktype = 'relation' and relation = 'events'::regclass
          and virtualtransaction in (select jsonb_array_elements_text(${JSON.stringify(vxids)}::jsonb))`,
    );
    if ((left?.n ?? 0) === 0) break;
    if (Date.now() > deadline) return null;
    await sleep(5);
  }
  return Number(high?.id ?? 0);
}

const update = sql.join(
  FIGURE_COLUMNS.map(
    ([, column]) =>
      sql`${sql.identifier(column)} = statistics_days.${sql.identifier(column)} + excluded.${sql.identifier(column)}`,
  ),
  sql`, `,
);
const columns = sql.join(
  FIGURE_COLUMNS.map(([, column]) => sql.identifier(column)),
  sql`, `,
);
const sums = sql.join(
  FIGURE_COLUMNS.map(([, column]) => sql`sum(${sql.identifier(column)})`),
  sql`, `,
);

/**
 * Folds the events after the watermark, up to `target`, into `statistics_days`, one batch per
 * transaction. Returns null when another roll-up holds the watermark row.
 */
async function foldBatch(
  db: TongbanDatabase,
  target: number,
  batchSize: number,
): Promise<{ events: number; watermark: number } | null> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`insert into statistics_rollup (name, watermark) values (${ROLLUP_NAME}, 0) on conflict (name) do nothing`,
    );
    const [state] = await queryRows<{ watermark: string | number }>(
      tx,
      sql`select watermark from statistics_rollup where name = ${ROLLUP_NAME} for update skip locked`,
    );
    if (state === undefined) return null;
    const from = Number(state.watermark);
    const [batch] = await queryRows<{ upto: string | number | null; n: number }>(
      tx,
      sql`select max(id)::bigint as upto, count(*)::int as n from (select id from events
        where id > ${from}::bigint and id <= ${target}::bigint order by id limit ${batchSize}) b`,
    );
    if (batch === undefined || batch.upto === null) return { events: 0, watermark: from };
    const upto = Number(batch.upto);
    const source = eventFacts(
      sql`e.id > ${from}::bigint and e.id <= ${upto}::bigint and e.type in ${typeList(ALL_COUNTED_TYPES)}`,
    );
    // Room to sort and hash a batch's rows in memory rather than on disk (this transaction only).
    await tx.execute(sql`set local work_mem = '64MB'`);
    const parts = sql.join(
      DIMENSIONS.map((by) => sql`select ${by}::text as dimension, c.* from (${contributions(by, sql`b`)}) c`),
      sql` union all `,
    );
    await tx.execute(
      sql`with b as materialized (${source}), d as (${parts})
        insert into statistics_days (dimension, day_start, has_key, key, ${columns})
        select dimension, day_start, key is not null, coalesce(key, ''), ${sums}
        from d group by dimension, day_start, key
        on conflict (dimension, day_start, has_key, key) do update set ${update}`,
    );
    await tx.execute(
      sql`update statistics_rollup set watermark = ${upto}::bigint, rolled_at = now() where name = ${ROLLUP_NAME}`,
    );
    return { events: batch.n, watermark: upto };
  });
}

/**
 * The statistics roll-up: folds the events written since the last roll-up into `statistics_days`
 * (per Beijing day, dimension and group) and moves the watermark, in batches of one transaction
 * each. It runs beside the command path, never in it: the worker loop calls it
 * ({@link StatisticsRollupWorker}, `tongban worker`), and anyone may call it directly (after a
 * bulk import, in tests). Several processes may call it at once: one folds, the others return
 * `busy`. Statistics are exact whether or not it has run; it only makes them fast.
 */
export async function rollUpStatistics(
  db: TongbanDatabase,
  options: RollUpOptions = {},
): Promise<RollUpResult> {
  const batchSize = options.batchSize ?? 50_000;
  const maxBatches = options.maxBatches ?? Number.POSITIVE_INFINITY;
  const start = await readWatermark(db);
  const target = await settledHighWater(db, options.settleTimeoutMs ?? 10_000);
  let progress: RollUpProgress = { events: 0, watermark: start, target: target ?? start };
  if (target === null) return { ...progress, batches: 0, busy: false, caughtUp: false };
  let batches = 0;
  let drained = false;
  while (batches < maxBatches && !drained && progress.watermark < target) {
    const folded = await foldBatch(db, target, batchSize);
    if (folded === null) return { ...progress, batches, busy: true, caughtUp: false };
    // Another roll-up may have moved the watermark past the target meanwhile: nothing left.
    drained = folded.events === 0;
    if (!drained) batches++;
    progress = { events: progress.events + folded.events, watermark: folded.watermark, target };
    if (!drained) options.onProgress?.(progress);
  }
  return { ...progress, batches, busy: false, caughtUp: drained || progress.watermark >= target };
}

/** Empties the roll-up: the next {@link rollUpStatistics} folds every event again. */
export async function resetStatisticsRollup(db: TongbanDatabase): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from statistics_rollup where name = ${ROLLUP_NAME}`);
    await tx.execute(sql`delete from statistics_days`);
  });
}
