// Supervision benchmark (issue 5): the live board query and a one-year statistics query.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \
//     pnpm --filter @tongban/bench bench:supervision
// Loads BENCH_CASES cases (default 100,000) with 10 events each (1,000,000 events) and 3 tasks
// each, with bulk SQL (generate_series) rather than the command path, into PGlite in memory and,
// when DATABASE_URL is set, into a scratch PostgreSQL database (dropped afterwards). Then it runs
// each query BENCH_RUNS times (default 7) after one warm-up and prints the median and the worst.
// Statistics: timed once before the roll-up has run (every event read from the log: what a
// lagging roll-up costs), then the roll-up folds the whole log (timed, events/s, with progress on
// stderr) and the queries are timed on the roll-up. Target: each query under 200 ms.
// BENCH_STORES=postgres skips PGlite; BENCH_KEEP=1 keeps the PostgreSQL database for a closer
// look (its name is printed).
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import {
  createPgliteStore,
  createPostgresStore,
  DurableRuntime,
  queryBoard,
  queryStatistics,
  rollUpStatistics,
  type TongbanStore,
} from '@tongban/adapters';
import { timedParallel } from '../test/support/supervision-models.js';

const DATABASE_URL = process.env.DATABASE_URL;
const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const YEAR_START = Date.parse('2026-01-01T00:00:00+08:00');
const YEAR_MS = 365 * 86_400_000;
const DAY = 86_400_000;

async function exec(store: TongbanStore, text: string): Promise<void> {
  if (store.driver.kind === 'pglite') await store.driver.client.exec(text);
  else await store.driver.pool.query(text);
}

/** Bulk load: every case, its three tasks and its ten events, in a handful of statements. */
async function load(store: TongbanStore): Promise<number> {
  const definition = timedParallel();
  await new DurableRuntime({ store }).deploy(definition);
  const t0 = performance.now();
  // Case i is accepted at a spread instant of 2026; every fifth case is still open.
  await exec(
    store,
    `create temporary table gen as
       select i, 'case-' || i as id, ${YEAR_START}::bigint + (i::bigint * ${YEAR_MS}) / ${CASES} as started,
         (i % 5 = 0) as open, 'D' || (i % 30) as lead, 'D' || ((i + 7) % 30) as co1, 'D' || ((i + 13) % 30) as co2,
         (i % 7 = 0) as late, (i % 11) - 3 as remaining
       from generate_series(1, ${CASES}) as i`,
  );
  const clock = (from: string) =>
    `jsonb_build_object('limit', jsonb_build_object('amount', 20, 'unit', 'workingDays'), 'calendar', 'CN',
      'startedAt', ${from}, 'warning', jsonb_build_object('kind', 'absolute', 'amount', 1, 'unit', 'workingDays'),
      'suspensions', '[]'::jsonb, 'extensions', '[]'::jsonb, 'stoppedAt', null)`;
  await exec(
    store,
    `insert into cases (id, definition_hash, process_id, status, light, due_at, snapshot, version, last_seq, last_hash,
        matter_code, region_city, started_at, updated_at)
     select id, '${definition.hash}', '${definition.processId}', case when open then 'running' else 'completed' end,
       case when open and i % 3 = 0 then 'red' when open and i % 3 = 1 then 'yellow' else 'green' end,
       started + 28 * ${DAY}::bigint,
       jsonb_build_object('schema', 1, 'caseId', id, 'machine', jsonb_build_object('value', 'x', 'context',
         jsonb_build_object('clocks', jsonb_build_object('case', ${clock('started')},
           'case-' || i || '-t2', ${clock(`started + ${DAY}::bigint`)}),
           'lights', jsonb_build_object('case-' || i || '-t2', 'yellow'),
           'tasks', '{}'::jsonb, 'vars', jsonb_build_object('filler', repeat('x', 800))))),
       1, 10, 'h', 'M' || (i % 50), 'C' || (i % 12), started, started
     from gen`,
  );
  await exec(
    store,
    `insert into tasks (case_id, task_id, element_id, name, kind, department, role, status, due_at, opened_at, closed_at)
     select g.id, g.id || '-t' || k, 'step' || k, 'step' || k, 'user',
       case k when 1 then g.lead when 2 then g.co1 else g.co2 end, case k when 1 then 'lead' else 'co' end,
       case when g.open and k >= 2 then 'open' else 'completed' end,
       g.started + (5 + k) * ${DAY}::bigint, g.started + ${DAY}::bigint,
       case when g.open and k >= 2 then null else g.started + (4 + k) * ${DAY}::bigint end
     from gen g cross join generate_series(1, 3) as k`,
  );
  // Ten events a case: accepted, three tasks opened, three completed, a light change, an urge or a
  // 督办, and the decision (or, for open cases, another light change).
  await exec(
    store,
    `insert into events (case_id, seq, type, at, payload, prev_hash, hash)
     select g.id, k, t.type, t.at,
       jsonb_strip_nulls(jsonb_build_object('type', t.type, 'at', t.at, 'caseId', g.id, 'taskId', t.task,
         'department', t.dept, 'role', t.role, 'data', t.data)), 'p', 'h'
     from gen g cross join generate_series(1, 10) as k
     cross join lateral (select
       case when k = 1 then 'case.started' when k <= 4 then 'task.opened' when k <= 7 then 'task.completed'
         when k = 8 then 'light.changed' when k = 9 then case when g.i % 2 = 0 then 'task.urged' else 'case.supervised' end
         when g.open then 'light.changed' else 'case.completed' end as type,
       g.started + k * 72000000::bigint as at,
       case when k between 2 and 7 then g.id || '-t' || ((k - 2) % 3 + 1) end as task,
       case when k = 1 or k = 10 then null when k in (2, 5) then g.lead when k in (3, 6, 8, 9) then g.co1 else g.co2 end as dept,
       case when k in (2, 5) then 'lead' when k between 3 and 9 then 'co' end as role,
       case when k = 1 then jsonb_build_object('actor', 'staff-' || (g.i % 40), 'window', 'W' || (g.i % 8))
         when k between 5 and 7 then jsonb_build_object('actor', 'staff-' || ((g.i + k) % 40), 'late', g.late,
           'remainingWorkingDays', case when g.late then -1 - (g.i % 4) else g.remaining + 4 end, 'workingDaysUsed', 3 + g.i % 5)
         when k = 8 then jsonb_build_object('clock', 'task', 'from', 'green', 'to', 'yellow', 'remainingWorkingDays', 1)
         when k = 9 then jsonb_build_object('message', '请加快', 'actor', 'supervisor')
         when g.open then jsonb_build_object('clock', 'case', 'from', 'green', 'to', 'yellow')
         else jsonb_build_object('late', g.late, 'remainingWorkingDays', case when g.late then -2 else g.remaining + 5 end,
           'workingDaysUsed', 10 + g.i % 9) end as data) t`,
  );
  await exec(store, 'drop table gen');
  // What autovacuum does on a live database: statistics, and the visibility map that lets the
  // board read its indexes without visiting the rows.
  await exec(store, 'vacuum analyze');
  return performance.now() - t0;
}

async function time(run: () => Promise<unknown>): Promise<{ median: number; worst: number }> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)] ?? 0, worst: times.at(-1) ?? 0 };
}

const BATCH = 50_000;

/**
 * Folds the log into the roll-up (`maxBatches` batches, or to the end), with progress on stderr;
 * returns ms and events folded.
 */
async function rollUp(
  label: string,
  store: TongbanStore,
  maxBatches = Number.POSITIVE_INFINITY,
): Promise<{ ms: number; events: number }> {
  const t0 = performance.now();
  let shown = 0;
  const result = await rollUpStatistics(store.db, {
    batchSize: BATCH,
    maxBatches,
    onProgress: ({ events, watermark, target }) => {
      if (events - shown < 200_000 && watermark < target) return;
      shown = events;
      const seconds = (performance.now() - t0) / 1000;
      process.stderr.write(
        `  ${label} roll-up: ${events.toLocaleString()} events in ${seconds.toFixed(1)} s (${Math.round((100 * watermark) / target)}%)\n`,
      );
    },
  });
  if (maxBatches === Number.POSITIVE_INFINITY && !result.caughtUp)
    throw new Error(`${label}: the roll-up did not catch up`);
  const ms = performance.now() - t0;
  // What autovacuum does after a burst of writes: planner statistics for the new rows.
  await exec(store, 'vacuum analyze statistics_days');
  return { ms, events: result.events };
}

type Row = { store: string; query: string; median: number; worst: number; runs: number; note?: string };

async function measure(label: string, store: TongbanStore) {
  const loaded = await load(store);
  const now = YEAR_START + 300 * DAY;
  const year = { from: YEAR_START, to: YEAR_START + YEAR_MS };
  const rows: Row[] = [];
  const add = async (query: string, run: () => Promise<unknown>) =>
    rows.push({ store: label, query, runs: RUNS, ...(await time(run)) });
  // Before any roll-up: every event of the year is read from the log (once: it is slow).
  const t0 = performance.now();
  await queryStatistics(store.db, { ...year, by: 'department' });
  const lagging = performance.now() - t0;
  rows.push({
    store: label,
    query: 'stats 1 year, no roll-up yet',
    median: lagging,
    worst: lagging,
    runs: 1,
    note: '(before the roll-up)',
  });
  // A roll-up lagging by its last batch (the latest ~18 days of events), then caught up.
  const first = await rollUp(label, store, Math.max(1, Math.floor((CASES * 10) / BATCH) - 1));
  const lag = CASES * 10 - first.events;
  await add(`stats 1 year, ${lag.toLocaleString()} not rolled up`, () =>
    queryStatistics(store.db, { ...year, by: 'department' }),
  );
  const lagRow = rows.at(-1);
  if (lagRow !== undefined) lagRow.note = '(roll-up lagging)';
  const rest = await rollUp(label, store);
  const rolled = { ms: first.ms + rest.ms, events: first.events + rest.events };
  await add('board (top 50)', () => queryBoard(store.db, { now, limit: 50 }));
  await add('board, one department', () => queryBoard(store.db, { now, limit: 50, department: 'D3' }));
  await add('stats 1 year by department', () => queryStatistics(store.db, { ...year, by: 'department' }));
  await add('stats 1 year by matter', () => queryStatistics(store.db, { ...year, by: 'matter' }));
  await add('stats 1 year by staff', () => queryStatistics(store.db, { ...year, by: 'staff' }));
  await add('stats 1 year by window', () => queryStatistics(store.db, { ...year, by: 'window' }));
  await add('stats 1 month by department', () =>
    queryStatistics(store.db, { from: YEAR_START + 120 * DAY, to: YEAR_START + 150 * DAY, by: 'department' }),
  );
  // Not on day boundaries: the partial first and last days are read from the log.
  await add('stats 1 year 12:00→12:00 by dept', () =>
    queryStatistics(store.db, {
      from: YEAR_START + DAY / 2,
      to: YEAR_START + YEAR_MS - DAY / 2,
      by: 'department',
    }),
  );
  return { loaded, rolled, rows };
}

const results: Row[] = [];
const rollUps: string[] = [];
const rollUpLine = (label: string, { ms, events }: { ms: number; events: number }) =>
  `${label}: roll-up of ${events.toLocaleString()} events in ${(ms / 1000).toFixed(1)} s (${Math.round(events / (ms / 1000)).toLocaleString()} events/s)`;
console.log(
  `supervision benchmark: ${CASES.toLocaleString()} cases, ${(CASES * 10).toLocaleString()} events, ${(CASES * 3).toLocaleString()} tasks`,
);
if (process.env.BENCH_STORES !== 'postgres') {
  const store = await createPgliteStore();
  const { loaded, rolled, rows } = await measure('PGlite', store);
  console.log(`PGlite: loaded in ${(loaded / 1000).toFixed(1)} s`);
  rollUps.push(rollUpLine('PGlite', rolled));
  results.push(...rows);
  await store.close();
}
if (DATABASE_URL !== undefined) {
  const name = `tb_bench_${randomBytes(4).toString('hex')}`;
  const admin = await createPostgresStore({ connectionString: DATABASE_URL, max: 1 });
  await exec(admin, `create database ${name}`);
  const url = new URL(DATABASE_URL);
  url.pathname = `/${name}`;
  const store = await createPostgresStore({ connectionString: url.toString(), max: 2, migrate: true });
  try {
    const { loaded, rolled, rows } = await measure('PostgreSQL', store);
    console.log(`PostgreSQL: loaded in ${(loaded / 1000).toFixed(1)} s`);
    rollUps.push(rollUpLine('PostgreSQL', rolled));
    results.push(...rows);
  } finally {
    await store.close();
    if (process.env.BENCH_KEEP === undefined)
      await exec(admin, `drop database if exists ${name} with (force)`);
    else console.log(`kept database ${name}`);
    await admin.close();
  }
} else {
  console.log('PostgreSQL: skipped (set DATABASE_URL)');
}
console.log('');
for (const line of rollUps) console.log(line);
console.log(
  `load average (1, 5, 15 min): ${loadavg()
    .map((n) => n.toFixed(2))
    .join(', ')}`,
);
console.log('');
console.log(
  `${'store'.padEnd(11)} ${'query'.padEnd(34)} ${'runs'.padStart(4)} ${'median ms'.padStart(10)} ${'worst ms'.padStart(10)}  target 200 ms`,
);
for (const row of results) {
  const verdict = row.note ?? (row.median < 200 ? 'ok' : 'OVER');
  console.log(
    `${row.store.padEnd(11)} ${row.query.padEnd(34)} ${String(row.runs).padStart(4)} ${row.median.toFixed(1).padStart(10)} ${row.worst.toFixed(1).padStart(10)}  ${verdict}`,
  );
}
