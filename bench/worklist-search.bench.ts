// Worklists (待办) and case search (办件查询) at 100,000 cases (issue 17).
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \
//     pnpm --filter @tongban/bench run bench:worklist
// Loads BENCH_CASES cases (default 100,000) into PGlite in memory and, when DATABASE_URL is set,
// into a scratch PostgreSQL database (dropped afterwards), in two steps:
//  1. BENCH_TEMPLATES cases (default 2,000) THROUGH THE STORE: each started, and some completed,
//     delegated (委派) or suspended, by DurableRuntime commands (the engine's step and the store's
//     one write statement, BENCH_LANES concurrent callers, group commit);
//  2. copies of those rows, made in SQL, up to BENCH_CASES: every row of `cases`, `tasks`, `events`
//     and `timers` of template case-n is copied as case-(n + k·templates), the case id replaced
//     in the snapshot and the event payloads too. The copies are byte for byte what the store wrote
//     for their template but for the case id, so everything the queries read (case columns,
//     snapshots, task rows) and every index over them is what the store writes; only the copies'
//     audit hashes are the template's (they would not verify). Loading every case through the
//     store takes about half an hour on a loaded 2-core machine: BENCH_TEMPLATES=BENCH_CASES does it.
// Each case is one parallel review (lead + two co-handlers) of one of 30 departments' matters,
// received at an instant spread over March 2025 – August 2026 (the runtime's clock is per
// command), with task clocks that start green, in their warning window (yellow), or none at all
// (the row then shows the case's light).
// BENCH_STORES=postgres or =pglite measures one store only.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { createPgliteStore, createPostgresStore, DurableRuntime, type TongbanStore } from '@tongban/adapters';
import type { CaseQuery, CompiledDefinition, MatterInfo, WorklistQuery } from '@tongban/engine';
import { type SQL, sql } from 'drizzle-orm';
import { compiled, end, gateway, model, scope, start, task } from '../packages/engine/test/support/ir.js';

const DATABASE_URL = process.env.DATABASE_URL;
const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const TEMPLATES = Math.min(CASES, Number(process.env.BENCH_TEMPLATES ?? 2_000));
const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const LANES = Number(process.env.BENCH_LANES ?? 16);
const STORES = process.env.BENCH_STORES ?? 'pglite,postgres';
const DEPARTMENTS = 30;
const PEOPLE = 200;
// Received from March 2025 to August 2026: every deadline stays within the holiday data (2026).
const YEAR_START = Date.parse('2025-03-03T09:00:00+08:00');
const YEAR_MS = 540 * 86_400_000;
const HOUR = 3_600_000;

type Clock = 'same' | 'warned' | 'none';
const CLOCKS: readonly Clock[] = ['same', 'warned', 'none'];
const department = (n: number): string => `D${n % DEPARTMENTS}`;

/** Matter M{k}: lead D{k}, co-handlers D{k+7} and D{k+13}, in parallel, each with a task clock of `clock`. */
function parallelReview(k: number, clock: Clock): CompiledDefinition {
  const limit = { amount: 10, unit: 'workingDays' } as const;
  const timing =
    clock === 'none'
      ? {}
      : clock === 'warned'
        ? { limit, warning: { kind: 'share', share: 1 } as const }
        : { limit };
  const root = scope(
    `review_M${k}_${clock}`,
    [
      start('s'),
      gateway('fork', 'parallel'),
      task('lead', department(k), { ...timing, role: 'lead' }),
      task('co1', department(k + 7), timing),
      task('co2', department(k + 13), timing),
      gateway('join', 'parallel'),
      end('e'),
    ],
    [
      ['s', 'fork'],
      ['fork', 'lead'],
      ['fork', 'co1'],
      ['fork', 'co2'],
      ['lead', 'join'],
      ['co1', 'join'],
      ['co2', 'join'],
      ['join', 'e'],
    ],
  );
  const matter: MatterInfo = {
    code: `M${k}`,
    name: null,
    kind: 'promised',
    legalLimit: null,
    promisedLimit: { amount: 20, unit: 'workingDays' },
    warning: { kind: 'absolute', amount: 2, unit: 'workingDays' },
    extensionCap: null,
    calendar: null,
  };
  return compiled(model(root, matter));
}

/** The instant each command of the seeding is stamped with (one per call chain). */
const now = new AsyncLocalStorage<number>();
const at = <T>(instant: number, run: () => Promise<T>): Promise<T> => now.run(instant, run);

/**
 * Case i: started; every 20th is completed by all three departments; every 20th (offset 10) has its
 * first co-handler's task delegated to a person (200 people); every 100th (offset 1) is suspended
 * by an officer.
 */
async function seedCase(runtime: DurableRuntime, hashes: readonly string[], i: number): Promise<number> {
  const k = i % DEPARTMENTS;
  const clock = Math.floor(i / DEPARTMENTS) % CLOCKS.length;
  const hash = hashes[k * CLOCKS.length + clock] ?? '';
  const caseId = `case-${i}`;
  const received = YEAR_START + Math.floor((i * YEAR_MS) / TEMPLATES);
  const started = await at(received, () => runtime.start(hash, { caseId }));
  let commands = 1;
  const taskOf = (elementId: string) => started.openTasks.find((t) => t.elementId === elementId);
  if (i % 20 === 10) {
    const co1 = taskOf('co1');
    await at(received + HOUR, () =>
      runtime.execute(caseId, {
        type: 'delegateTask',
        taskId: co1?.id ?? '',
        department: co1?.department ?? '',
        to: `P${Math.floor(i / 20) % PEOPLE}`,
      }),
    );
    commands++;
  }
  if (i % 20 === 0) {
    for (const [n, elementId] of ['lead', 'co1', 'co2'].entries()) {
      const open = taskOf(elementId);
      await at(received + (2 + n) * HOUR, () =>
        runtime.execute(caseId, {
          type: 'completeTask',
          taskId: open?.id ?? '',
          department: open?.department ?? '',
          outcome: 'approve',
        }),
      );
      commands++;
    }
  } else if (i % 100 === 1) {
    await at(received + 2 * HOUR, () =>
      runtime.execute(caseId, {
        type: 'suspendCase',
        reason: '听证',
        actor: { id: '王处长', kind: 'officer' },
      }),
    );
    commands++;
  }
  return commands;
}

async function seed(store: TongbanStore): Promise<{ ms: number; commands: number }> {
  const runtime = new DurableRuntime({ store, clock: () => now.getStore() ?? Date.now() });
  const hashes: string[] = [];
  for (let k = 0; k < DEPARTMENTS; k++)
    for (const clock of CLOCKS) hashes.push(await runtime.deploy(parallelReview(k, clock)));
  const t0 = performance.now();
  let next = 0;
  let commands = 0;
  let shown = 0;
  await Promise.all(
    Array.from({ length: LANES }, async () => {
      for (let i = next++; i < TEMPLATES; i = next++) {
        // Not `commands += await …`: that reads `commands` before the await, and the lanes'
        // increments would overwrite each other.
        const done = await seedCase(runtime, hashes, i);
        commands += done;
        if (i - shown >= 1_000) {
          shown = i;
          const s = (performance.now() - t0) / 1000;
          process.stderr.write(
            `  ${i} cases, ${commands} commands in ${s.toFixed(0)} s (${(commands / s).toFixed(0)}/s)\n`,
          );
        }
      }
    }),
  );
  return { ms: performance.now() - t0, commands };
}

/**
 * Copies the `TEMPLATES` store-written cases until there are `CASES`: copy k of case-n is
 * case-(n + k·TEMPLATES), with every row of it (case, tasks, events, timers) and the case id
 * replaced inside the snapshot and the event payloads.
 */
async function cloneTemplates(store: TongbanStore): Promise<number> {
  const t0 = performance.now();
  const copies = Math.ceil(CASES / TEMPLATES) - 1;
  const rename = (column: string, id: string, to: string) =>
    `replace(${column}::text, '"' || ${id} || '"', '"' || ${to} || '"')::jsonb`;
  for (let k = 1; k <= copies; k++) {
    const to = `'case-' || (substr(x.id, 6)::int + ${k * TEMPLATES})`;
    const source = `(select id, id as template from cases where substr(id, 6)::int + ${k * TEMPLATES} < ${CASES}
      and substr(id, 6)::int < ${TEMPLATES}) x`;
    await store.query(
      sql.raw(`insert into cases (id, definition_hash, process_id, status, light, due_at, snapshot, version,
        last_seq, last_hash, matter_code, region_province, region_city, region_county, started_at, updated_at)
      select ${to}, c.definition_hash, c.process_id, c.status, c.light, c.due_at, ${rename('c.snapshot', 'x.id', to)},
        c.version, c.last_seq, c.last_hash, c.matter_code, c.region_province, c.region_city, c.region_county,
        c.started_at, c.updated_at
      from ${source} join cases c on c.id = x.template`),
    );
    await store.query(
      sql.raw(`insert into tasks (case_id, task_id, element_id, name, kind, department, role, handler, status,
        due_at, completed_by, outcome, opinion, opened_at, closed_at)
      select ${to}, t.task_id, t.element_id, t.name, t.kind, t.department, t.role, t.handler, t.status,
        t.due_at, t.completed_by, t.outcome, t.opinion, t.opened_at, t.closed_at
      from ${source} join tasks t on t.case_id = x.template`),
    );
    await store.query(
      sql.raw(`insert into events (case_id, seq, type, at, payload, prev_hash, hash)
      select ${to}, e.seq, e.type, e.at, ${rename('e.payload', 'x.id', to)}, e.prev_hash, e.hash
      from ${source} join events e on e.case_id = x.template`),
    );
    await store.query(
      sql.raw(`insert into timers (case_id, timer_id, due_at, purpose, element_id, fired_at)
      select ${to}, m.timer_id, m.due_at, m.purpose, m.element_id, m.fired_at
      from ${source} join timers m on m.case_id = x.template`),
    );
    if (k % 5 === 0 || k === copies)
      process.stderr.write(
        `  copies: ${Math.min(CASES, (k + 1) * TEMPLATES)} cases in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`,
      );
  }
  await store.query(sql`analyze`);
  return performance.now() - t0;
}

/** A store that records the plan of every statement it runs (EXPLAIN, no ANALYZE). */
function explaining(store: TongbanStore, plans: string[][]): TongbanStore {
  return {
    ...store,
    async query<Row>(statement: SQL): Promise<Row[]> {
      const rows = await store.query<Record<string, string>>(sql`explain (costs off) ${statement}`);
      plans.push(rows.map((row) => Object.values(row)[0] ?? ''));
      return store.query<Row>(statement);
    },
  };
}

/** The index and scan lines of a plan: enough to see which indexes it uses. */
function planSummary(plan: readonly string[]): string[] {
  return plan
    .filter((line) => /Index|Seq Scan|Bitmap Heap/.test(line))
    .map((line) => line.trim().replace(/^->\s*/, ''));
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

interface Query {
  readonly name: string;
  readonly run: (runtime: DurableRuntime) => Promise<{ total: number; items: readonly unknown[] }>;
}

const MID_YEAR = YEAR_START + YEAR_MS / 2;
const WEEK = 7 * 86_400_000;
const worklist = (name: string, query: WorklistQuery): Query => ({ name, run: (r) => r.worklist(query) });
const search = (name: string, query: CaseQuery): Query => ({ name, run: (r) => r.searchCases(query) });
const QUERIES: readonly Query[] = [
  worklist('worklist: department, most urgent first (page 1 of 50)', { department: 'D7' }),
  worklist('worklist: department, by due date, page 3', { department: 'D7', sort: 'due', offset: 100 }),
  worklist('worklist: department, yellow tasks only', { department: 'D7', light: 'yellow' }),
  worklist('worklist: department, due by mid-year', { department: 'D7', dueBefore: MID_YEAR }),
  worklist('worklist: person (委派)', { person: 'P42' }),
  worklist('worklist: person and department', { person: 'P42', department: 'D17' }),
  search('search: running, newest first', { status: 'running' }),
  search('search: suspended', { status: 'suspended' }),
  search('search: one matter', { matterCode: 'M7' }),
  search('search: department with an open task', { department: 'D7' }),
  search('search: received in one week', { receivedFrom: MID_YEAR, receivedTo: MID_YEAR + WEEK }),
  search('search: matter, running, one month', {
    matterCode: 'M7',
    status: 'running',
    receivedFrom: MID_YEAR,
    receivedTo: MID_YEAR + 4 * WEEK,
  }),
];

async function measure(label: string, store: TongbanStore): Promise<void> {
  process.stderr.write(`${label}: loading ${TEMPLATES} cases through the store…\n`);
  const loaded = await seed(store);
  process.stderr.write(`${label}: copying them up to ${CASES} cases…\n`);
  const cloned = await cloneTemplates(store);
  const runtime = new DurableRuntime({ store });
  const plans: string[][] = [];
  const explained = new DurableRuntime({ store: explaining(store, plans) });
  console.log(
    `\n${label}: ${TEMPLATES} cases loaded through the store in ${(loaded.ms / 1000).toFixed(0)} s ` +
      `(${loaded.commands} commands, ${((loaded.commands * 1000) / loaded.ms).toFixed(0)}/s, ${LANES} callers), ` +
      `copied up to ${CASES} in ${(cloned / 1000).toFixed(0)} s`,
  );
  const [counts] = await store.query<{ cases: string; open: string; held: string }>(
    sql`select (select count(*) from cases) as cases,
      (select count(*) from tasks where status = 'open') as open,
      (select count(*) from cases where tongban_task_holders(snapshot) <> '{}') as held`,
  );
  console.log(
    `rows: ${counts?.cases} cases, ${counts?.open} open tasks, ${counts?.held} cases with a person holding a task`,
  );
  console.log('| query | rows found (total) | p50 ms | p99 ms |');
  console.log('| --- | --- | --- | --- |');
  const explains: string[] = [];
  for (const query of QUERIES) {
    await query.run(runtime);
    const found = await query.run(runtime);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await query.run(runtime);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(
      `| ${query.name} | ${found.items.length} (${found.total}) | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 99).toFixed(1)} |`,
    );
    plans.length = 0;
    await query.run(explained);
    explains.push(
      `${query.name}:`,
      ...plans.flatMap((plan) => planSummary(plan).map((line) => `    ${line}`)),
    );
  }
  console.log(`\nEXPLAIN (${label}): the scans of each query's statement\n${explains.join('\n')}`);
}

console.log(
  `worklists and case search at ${CASES} cases; ${RUNS} runs per query; load average ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}`,
);
if (STORES.includes('pglite')) {
  const store = await createPgliteStore();
  try {
    await measure('PGlite in memory', store);
  } finally {
    await store.close();
  }
}
if (STORES.includes('postgres')) {
  if (DATABASE_URL === undefined) console.log('\nPostgreSQL: skipped (DATABASE_URL not set)');
  else {
    const name = `tb_bench_${randomBytes(4).toString('hex')}`;
    const admin = await createPostgresStore({ connectionString: DATABASE_URL, max: 1 });
    await admin.query(sql.raw(`create database ${name}`));
    const url = new URL(DATABASE_URL);
    url.pathname = `/${name}`;
    const store = await createPostgresStore({ connectionString: url.toString(), max: 8, migrate: true });
    try {
      await measure('PostgreSQL (8 connections)', store);
    } finally {
      await store.close();
      await admin.query(sql.raw(`drop database if exists ${name} with (force)`));
      await admin.close();
    }
  }
}
console.log(
  `\nload average at the end: ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}`,
);
