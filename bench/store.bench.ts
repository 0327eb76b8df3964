// Durable runtime benchmark (issue 4).
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \
//     pnpm exec tsx --conditions=@tongban/source bench/store.bench.ts
// In one run on one machine, for PGlite in memory (1 caller, and 8 concurrent callers on its one
// connection) and PostgreSQL with 1 and 8 connections:
//   raw      — single-row insert transactions/s through the same driver (BEGIN; INSERT; COMMIT);
//   commands — commands/s through the full durable path (load, engine step, one write statement
//              with snapshot, events + audit chain, tasks, timers, outbox), on a parallel approval;
//   step     — the same commands through the pure engine step alone (CPU, no I/O), for reference.
//   commands per write — how many commands each write statement (one transaction) carried: above 1
//              when group commit wrote concurrent commands together (see docs/operations.md).
// Then timers fired/s by 1 and 4 worker processes draining a backlog of overdue timers, and the
// delay between a timer's due time and its firing while the command load runs.
// Without DATABASE_URL only PGlite is measured. BENCH_MS sets each measurement's length (default 4000),
// BENCH_ROUNDS the alternating rounds it is split into (default 4); "ratio per round" shows the
// lowest and highest ratio of single rounds, which says how much the machine's load moved them.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  createPgliteStore,
  createPostgresStore,
  DurableRuntime,
  TimerWorker,
  type TongbanStore,
} from '@tongban/adapters';
import { type CaseSnapshot, type Command, type CompiledDefinition, step } from '@tongban/engine';
import { parallelApproval, waitThenReview } from '../test/support/adapters-models.js';
import { runApproval } from '../test/support/approval-run.js';

const DATABASE_URL = process.env.DATABASE_URL;
const MS = Number(process.env.BENCH_MS ?? 4000);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 4));
const HOUR = 3_600_000;

// ---- child mode: a timer worker process ----------------------------------------------------------
if (process.argv[2] === '--timer-worker') {
  const [, , , url, mode] = process.argv;
  const store = await createPostgresStore({ connectionString: url ?? '', max: 3 });
  const worker = new TimerWorker(new DurableRuntime({ store }), {
    concurrency: 2,
    batchSize: 50,
    pollMs: 50,
  });
  if (mode === 'drain') {
    let empty = 0;
    while (empty < 3) {
      const claimed = await worker.runOnce();
      empty = claimed === 0 ? empty + 1 : 0;
      if (claimed === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } else {
    worker.start();
    process.stdout.write('ready\n');
    await new Promise((resolve) => process.once('SIGTERM', resolve));
    await worker.stop();
  }
  await store.close();
  process.exit(0);
}

// ---- helpers ---------------------------------------------------------------------------------------
const approval = parallelApproval();
const waiting = waitThenReview('PT1S');
let unique = 0;
const nextId = (prefix: string): string => `${prefix}-${process.pid}-${unique++}`;

async function rawQuery(
  store: TongbanStore,
  text: string,
  params: unknown[] = [],
): Promise<Record<string, unknown>[]> {
  if (store.driver.kind === 'pglite')
    return (await store.driver.client.query<Record<string, unknown>>(text, params)).rows;
  return (await store.driver.pool.query(text, params)).rows as Record<string, unknown>[];
}

/** Runs `lanes` loops for MS milliseconds; each call of `once` returns how many operations it did. */
async function rate(lanes: number, once: (lane: number) => Promise<number>, ms = MS): Promise<number> {
  const end = performance.now() + ms;
  let count = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      while (performance.now() < end) {
        // Not `count += await once(lane)`: that reads `count` before the await, and the lanes'
        // increments would overwrite each other.
        const done = await once(lane);
        count += done;
      }
    }),
  );
  return (count * 1000) / (performance.now() - started);
}

async function rawRate(store: TongbanStore, lanes: number, ms: number): Promise<number> {
  await rawQuery(
    store,
    'create table if not exists bench_raw (id bigserial primary key, payload text not null)',
  );
  const insert = 'insert into bench_raw (payload) values ($1)';
  if (store.driver.kind === 'pglite') {
    const client = store.driver.client;
    return rate(
      lanes,
      async () => {
        await client.transaction(async (tx) => {
          await tx.query(insert, ['申请材料已收到']);
        });
        return 1;
      },
      ms,
    );
  }
  const pool = store.driver.pool;
  const clients = await Promise.all(Array.from({ length: lanes }, () => pool.connect()));
  try {
    return await rate(
      lanes,
      async (lane) => {
        const client = clients[lane];
        if (client === undefined) throw new Error('no client');
        await client.query('begin');
        await client.query(insert, ['申请材料已收到']);
        await client.query('commit');
        return 1;
      },
      ms,
    );
  } finally {
    for (const client of clients) client.release();
  }
}

/** One parallel approval from start to end: 5 commands (start, 3 reviews, decision). */
function approvalCase(runtime: DurableRuntime): Promise<number> {
  return runApproval(runtime, approval.hash, nextId('cmd'));
}

async function commandRate(runtime: DurableRuntime, lanes: number, ms: number): Promise<number> {
  return rate(lanes, () => approvalCase(runtime), ms);
}

/** One row's rates, averaged over its rounds. */
interface Comparison {
  readonly raw: number;
  readonly commands: number;
  /** commands/s ÷ raw tx/s of each round. */
  readonly roundRatios: readonly number[];
  readonly perStatement: number;
}

/**
 * Raw and full-path rates measured in alternating rounds, so that a change in the machine's load
 * during the run affects both alike (this machine is shared).
 */
async function compare(store: TongbanStore, lanes: number): Promise<Comparison> {
  const runtime = new DurableRuntime({ store });
  await runtime.deploy(approval);
  await approvalCase(runtime); // warm the definition cache and the function's plans
  await rawRate(store, lanes, 200);
  let raw = 0;
  let commands = 0;
  const roundRatios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const roundRaw = await rawRate(store, lanes, MS / ROUNDS);
    const roundCommands = await commandRate(runtime, lanes, MS / ROUNDS);
    raw += roundRaw / ROUNDS;
    commands += roundCommands / ROUNDS;
    roundRatios.push(roundCommands / roundRaw);
  }
  // Group commit: how many commands each write statement (one transaction) carried on average.
  const written = runtime.writeCounts();
  return { raw, commands, roundRatios, perStatement: written.commands / written.statements };
}

function stepRate(definition: CompiledDefinition): Promise<number> {
  return rate(1, async () => {
    const caseId = nextId('step');
    const now = Date.now();
    let result = step(definition, null, { type: 'start', caseId }, now);
    let commands = 1;
    while (result.ok && result.openTasks[0] !== undefined) {
      const open = result.openTasks[0];
      const snapshot = JSON.parse(JSON.stringify(result.snapshot)) as CaseSnapshot;
      const command: Command = { type: 'completeTask', taskId: open.id, department: open.department ?? '' };
      result = step(definition, snapshot, command, now);
      commands++;
    }
    if (!result.ok) throw result.error;
    return commands;
  });
}

/** Starts `count` cases whose timers fell due an hour ago. */
async function overdueTimers(
  store: TongbanStore,
  count: number,
  prefix: string,
  lanes: number,
): Promise<void> {
  const runtime = new DurableRuntime({ store, clock: () => Date.now() - HOUR });
  await runtime.deploy(waiting);
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let index = next++; index < count; index = next++) {
        await runtime.start(waiting.hash, { type: 'start', caseId: `${prefix}-${index}` });
      }
    }),
  );
}

async function firedPerSecond(
  store: TongbanStore,
  prefix: string,
): Promise<{ count: number; perSecond: number }> {
  const [row] = await rawQuery(
    store,
    `select count(*)::int as n, (max(fired_at) - min(fired_at))::float8 as span
       from timers where case_id like $1 and fired_at is not null`,
    [`${prefix}-%`],
  );
  const count = Number(row?.n);
  return { count, perSecond: (count * 1000) / Math.max(1, Number(row?.span)) };
}

async function delays(
  store: TongbanStore,
  prefix: string,
): Promise<{ count: number; p50: number; p99: number; max: number }> {
  const rows = await rawQuery(
    store,
    'select (fired_at - due_at)::float8 as delay from timers where case_id like $1 and fired_at is not null order by 1',
    [`${prefix}-%`],
  );
  const values = rows.map((row) => Number(row.delay));
  const at = (q: number): number =>
    values[Math.min(values.length - 1, Math.floor(q * values.length))] ?? Number.NaN;
  return { count: values.length, p50: at(0.5), p99: at(0.99), max: values.at(-1) ?? Number.NaN };
}

/** The command load, plus a lane starting cases whose timers fall due one second later. */
async function loadWithTimers(store: TongbanStore, lanes: number, prefix: string): Promise<void> {
  const runtime = new DurableRuntime({ store });
  await runtime.deploy(approval);
  await runtime.deploy(waiting);
  const end = performance.now() + MS;
  await Promise.all([
    ...Array.from({ length: lanes }, async () => {
      while (performance.now() < end) {
        await approvalCase(runtime);
        // Commands arrive as I/O (HTTP requests), not as one endless chain of promises: without this
        // yield PGlite's synchronous WASM calls would starve every timer of the event loop.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }),
    (async () => {
      let index = 0;
      while (performance.now() < end) {
        await runtime.start(waiting.hash, { type: 'start', caseId: `${prefix}-${index++}` });
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })(),
  ]);
  await new Promise((resolve) => setTimeout(resolve, 2500)); // the last timers fall due and fire
}

const tsxLoader = createRequire(import.meta.url).resolve('tsx');
const self = fileURLToPath(import.meta.url);
function timerProcess(url: string, mode: 'drain' | 'serve') {
  const child = spawn(
    process.execPath,
    ['--import', tsxLoader, '--conditions=@tongban/source', self, '--timer-worker', url, mode],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve, reject) =>
    child.on('exit', (code, signal) =>
      code === 0 || signal === 'SIGTERM'
        ? resolve()
        : reject(new Error(`timer worker exited ${code ?? signal}`)),
    ),
  );
  const ready = Promise.race([
    new Promise<void>((resolve) => child.stdout?.on('data', () => resolve())),
    exited,
  ]);
  return { child, exited, ready };
}

// ---- the run -------------------------------------------------------------------------------------
const commandRows: string[][] = [];
const timerRows: string[][] = [];
const delayRows: string[][] = [];
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const pct = (a: number, b: number): string => `${Math.round((100 * a) / b)}%`;
const commandRow = (database: string, connections: string, result: Comparison): string[] => [
  database,
  connections,
  fmt(result.raw),
  fmt(result.commands),
  pct(result.commands, result.raw),
  `${Math.round(100 * Math.min(...result.roundRatios))}–${pct(Math.max(...result.roundRatios), 1)}`,
  result.perStatement.toFixed(2),
];

const stepOnly = await stepRate(approval);

{
  const store = await createPgliteStore();
  commandRows.push(commandRow('PGlite in memory', '1', await compare(store, 1)));
  await overdueTimers(store, 1000, 'drain1', 1);
  const worker = new TimerWorker(new DurableRuntime({ store }), { batchSize: 50 });
  while ((await worker.runOnce()) > 0) {}
  const drained = await firedPerSecond(store, 'drain1');
  timerRows.push(['PGlite in memory', '1 (in process)', fmt(drained.count), fmt(drained.perSecond)]);
  const live = new TimerWorker(new DurableRuntime({ store }), { pollMs: 50 });
  live.start();
  await loadWithTimers(store, 1, 'delay1');
  await live.stop();
  const delay = await delays(store, 'delay1');
  delayRows.push([
    'PGlite in memory',
    '1 (in process)',
    fmt(delay.count),
    fmt(delay.p50),
    fmt(delay.p99),
    fmt(delay.max),
  ]);
  await store.close();
}

{
  // PGlite has one connection, but an application still sends it commands concurrently (one per
  // request). With 8 callers the raw transactions queue on that connection one by one, while
  // commands that arrive during a write are group-committed by the next one.
  const store = await createPgliteStore();
  commandRows.push(commandRow('PGlite in memory', '1, 8 callers', await compare(store, 8)));
  await store.close();
}

if (DATABASE_URL !== undefined) {
  const name = `tb_bench_${randomBytes(5).toString('hex')}`;
  const admin = await createPostgresStore({ connectionString: DATABASE_URL, max: 1 });
  await rawQuery(admin, `create database ${name}`);
  const url = new URL(DATABASE_URL);
  url.pathname = `/${name}`;
  try {
    for (const lanes of [1, 8]) {
      const store = await createPostgresStore({
        connectionString: url.toString(),
        max: lanes,
        migrate: true,
      });
      commandRows.push(commandRow('PostgreSQL', String(lanes), await compare(store, lanes)));
      await store.close();
    }
    const store = await createPostgresStore({ connectionString: url.toString(), max: 8 });
    for (const workers of [1, 4]) {
      const prefix = `drain${workers}`;
      await overdueTimers(store, 2000, prefix, 8);
      await Promise.all(Array.from({ length: workers }, () => timerProcess(url.toString(), 'drain').exited));
      const drained = await firedPerSecond(store, prefix);
      timerRows.push(['PostgreSQL', `${workers} (processes)`, fmt(drained.count), fmt(drained.perSecond)]);
    }
    const serving = Array.from({ length: 4 }, () => timerProcess(url.toString(), 'serve'));
    await Promise.all(serving.map((worker) => worker.ready));
    await loadWithTimers(store, 8, 'delay4');
    for (const worker of serving) worker.child.kill('SIGTERM');
    await Promise.all(serving.map((worker) => worker.exited));
    const delay = await delays(store, 'delay4');
    delayRows.push([
      'PostgreSQL (8 conn. load)',
      '4 (processes)',
      fmt(delay.count),
      fmt(delay.p50),
      fmt(delay.p99),
      fmt(delay.max),
    ]);
    await store.close();
  } finally {
    await rawQuery(admin, `drop database if exists ${name} with (force)`);
    await admin.close();
  }
} else {
  process.stdout.write('PostgreSQL skipped: DATABASE_URL not set\n');
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

process.stdout.write(
  `\nMachine: ${cpus().length} cores, load average ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')} at the end of the run\n`,
);
process.stdout.write(
  `\nDurable command path (${MS} ms each, in ${ROUNDS} alternating rounds; engine step alone, no I/O: ${fmt(stepOnly)} commands/s)\n`,
);
process.stdout.write(
  `${table(
    [
      'database',
      'connections',
      'raw single-row tx/s',
      'commands/s',
      'ratio',
      'ratio per round',
      'commands per write',
    ],
    commandRows,
  )}\n`,
);
process.stdout.write('\nTimers fired/s, draining a backlog of overdue timers\n');
process.stdout.write(`${table(['database', 'workers', 'timers', 'fired/s'], timerRows)}\n`);
process.stdout.write(
  '\nDelay from due time to firing (ms) while the command load runs (workers poll every 50 ms)\n',
);
process.stdout.write(`${table(['database', 'workers', 'timers', 'p50', 'p99', 'max'], delayRows)}\n`);
