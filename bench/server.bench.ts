// HTTP server benchmark (issue 18). Needs the PostgreSQL server:
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \
//     pnpm exec tsx --conditions=@tongban/source bench/server.bench.ts
// In one run, on one fresh scratch database (dropped at the end):
//   1. commands/s through HTTP (`POST /api/v1/cases/{id}/commands`, a 催办 as a supervisor, driven
//      by autocannon with 1 and 16 connections) against the same commands sent directly to a
//      DurableRuntime on the same store with 1 and 16 concurrent callers; the ratio HTTP/direct
//      (target ≥ 50%). The server runs in a child process (as `tongban serve` would), the load
//      generator and the direct runtime in this one.
//   2. p50/p99 latency of `GET /api/v1/board` (supervisor) and of a department's worklist
//      (`GET /api/v1/worklist`, the lead department, which holds an open task in every case) once
//      the store holds BENCH_CASES cases (default 100,000; target p99 < 200 ms), one client at a time,
//      after VACUUM ANALYZE (as autovacuum would run after such a load); the first answer is printed
//      apart, then a 3 s warm-up round is not counted, as for the command rates.
// BENCH_SECONDS sets each measurement's length (default 10).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createPostgresStore, DurableRuntime, type TongbanStore } from '@tongban/adapters';
import { compileBpmn } from '@tongban/engine';
import { buildServer, signToken } from '@tongban/server';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';

const DATABASE_URL = process.env.DATABASE_URL;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const SECRET = randomBytes(32).toString('base64url');
const LEAD = '住房和城乡建设局';
const LOAD_CASES = 64;
const PERMIT = fileURLToPath(
  new URL('../examples/construction-permit/construction-permit.bpmn', import.meta.url),
);

// ---- child mode: the server ----------------------------------------------------------------------
if (process.argv[2] === '--serve') {
  const [, , , url, secret] = process.argv;
  const store = await createPostgresStore({ connectionString: url ?? '', max: 16 });
  const app = await buildServer({ runtime: new DurableRuntime({ store }), auth: { secret: secret ?? '' } });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`${address}\n`);
  await new Promise((resolve) => process.once('SIGTERM', resolve));
  await app.close();
  await store.close();
  process.exit(0);
}

if (DATABASE_URL === undefined) {
  process.stderr.write(
    'server.bench needs DATABASE_URL (a PostgreSQL server): it measures the production setup\n',
  );
  process.exit(2);
}

async function scratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `tb_bench_${randomBytes(6).toString('hex')}`;
  const admin = await createPostgresStore({ connectionString: DATABASE_URL ?? '', max: 1 });
  const pool = admin.driver.kind === 'postgres' ? admin.driver.pool : undefined;
  if (pool === undefined) throw new Error('expected PostgreSQL');
  await pool.query(`create database ${name}`);
  const url = new URL(DATABASE_URL ?? '');
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await pool.query(`drop database if exists ${name} with (force)`);
      await admin.close();
    },
  };
}

function startChild(url: string): Promise<{ address: string; stop: () => Promise<void> }> {
  const require = createRequire(import.meta.url);
  const child = spawn(
    process.execPath,
    [
      '--import',
      require.resolve('tsx'),
      '--conditions=@tongban/source',
      fileURLToPath(import.meta.url),
      '--serve',
      url,
      SECRET,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const line = out.split('\n')[0];
      if (out.includes('\n') && line)
        resolve({
          address: line.trim(),
          stop: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

/** Commands/s sent directly to the runtime by `callers` concurrent callers for SECONDS. */
async function direct(runtime: DurableRuntime, callers: number): Promise<number> {
  const end = performance.now() + SECONDS * 1000;
  let done = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (performance.now() < end) {
        const caseId = `LOAD-${next++ % LOAD_CASES}`;
        await runtime.execute(caseId, {
          type: 'urge',
          message: '请加快办理',
          actor: { id: '监察-周', kind: 'supervisor' },
        });
        done++;
      }
    }),
  );
  return done / SECONDS;
}

/** Commands/s through HTTP with `connections` connections for SECONDS (2xx answers only). */
async function overHttp(address: string, token: string, connections: number): Promise<number> {
  let next = 0;
  const result = await autocannon({
    url: address,
    connections,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        setupRequest: (request) => ({
          ...request,
          path: `/api/v1/cases/LOAD-${next++ % LOAD_CASES}/commands`,
          body: JSON.stringify({ type: 'urge', message: '请加快办理' }),
        }),
      },
    ],
  });
  if (result.non2xx > 0) process.stderr.write(`  (${result.non2xx} non-2xx answers)\n`);
  return result['2xx'] / SECONDS;
}

async function latency(
  address: string,
  path: string,
  token: string,
): Promise<{ first: number; p50: number; p99: number; rps: number }> {
  // The first answer after the load is reported apart (cold caches, the route's first compile);
  // then a warm-up round, not counted, as for the command rates above; then the measured round.
  const started = performance.now();
  const answer = await fetch(`${address}${path}`, { headers: { authorization: `Bearer ${token}` } });
  await answer.arrayBuffer();
  const first = performance.now() - started;
  await autocannon({
    url: `${address}${path}`,
    connections: 1,
    duration: Math.min(3, SECONDS),
    headers: { authorization: `Bearer ${token}` },
  });
  const result = await autocannon({
    url: `${address}${path}`,
    connections: 1,
    duration: SECONDS,
    headers: { authorization: `Bearer ${token}` },
  });
  if (result.non2xx > 0) throw new Error(`${path}: ${result.non2xx} non-2xx answers`);
  return { first, p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average };
}

async function seed(runtime: DurableRuntime, processId: string, from: number, to: number, prefix: string) {
  let next = from;
  await Promise.all(
    Array.from({ length: 48 }, async () => {
      while (next < to) {
        const i = next++;
        await runtime.startLatest(processId, {
          caseId: `${prefix}-${String(i).padStart(6, '0')}`,
          actor: { id: '窗口-张敏', kind: 'staff', department: LEAD },
          variables: { projectName: `项目${i}` },
        });
      }
    }),
  );
}

const database = await scratchDatabase();
let store: TongbanStore | undefined;
let child: { address: string; stop: () => Promise<void> } | undefined;
try {
  store = await createPostgresStore({ connectionString: database.url, max: 16, migrate: true });
  const runtime = new DurableRuntime({ store });
  const compiled = await compileBpmn(readFileSync(PERMIT, 'utf8'));
  if (!compiled.ok) throw new Error('example does not compile');
  await runtime.deploy(compiled.definition);
  for (let i = 0; i < LOAD_CASES; i++)
    await runtime.startLatest(compiled.definition.processId, {
      caseId: `LOAD-${i}`,
      actor: { id: '窗口-张敏', kind: 'staff', department: LEAD },
    });
  child = await startChild(database.url);
  const supervisor = await signToken(SECRET, { sub: '监察-周', kind: 'supervisor' });
  const lead = await signToken(SECRET, { sub: '住建局-李强', kind: 'staff', department: LEAD });
  process.stdout.write(
    `server.bench — PostgreSQL, ${SECONDS} s per measurement, load ${loadavg()[0]?.toFixed(1)}\n\n`,
  );
  process.stdout.write('commands/s (催办 on 64 cases)   direct   HTTP    HTTP/direct\n');
  for (const concurrency of [1, 16]) {
    await direct(runtime, concurrency); // warm-up round, not counted: caches, JIT, pool
    const d = await direct(runtime, concurrency);
    await overHttp(child.address, supervisor, concurrency); // warm-up round of the server process
    const h = await overHttp(child.address, supervisor, concurrency);
    process.stdout.write(
      `  ${String(concurrency).padStart(2)} concurrent ${' '.repeat(17)}${d.toFixed(0).padStart(6)}  ${h.toFixed(0).padStart(6)}   ${((h / d) * 100).toFixed(0)}%\n`,
    );
  }
  const started = performance.now();
  await seed(runtime, compiled.definition.processId, 0, CASES, 'BENCH');
  const seconds = (performance.now() - started) / 1000;
  // As autovacuum would shortly after such a load (it vacuums insert-only tables too, PostgreSQL 13+):
  // the planner needs the new tables' statistics, and index-only scans the visibility map.
  await store.query(sql`vacuum analyze`);
  process.stdout.write(
    `\nseeded ${CASES} cases in ${seconds.toFixed(0)} s (${(CASES / seconds).toFixed(0)} starts/s), vacuumed and analyzed\n`,
  );
  process.stdout.write(
    `latency at ${CASES + LOAD_CASES} cases (1 connection, load ${loadavg()[0]?.toFixed(1)})   first ms  p50 ms  p99 ms  req/s\n`,
  );
  for (const [label, path, token] of [
    ['GET /api/v1/board?limit=50', '/api/v1/board?limit=50', supervisor],
    [`GET /api/v1/worklist (${LEAD}, limit 50)`, '/api/v1/worklist?limit=50', lead],
  ] as const) {
    const r = await latency(child.address, path, token);
    process.stdout.write(
      `  ${label.padEnd(42)}${r.first.toFixed(0).padStart(8)}  ${String(r.p50).padStart(6)}  ${String(r.p99).padStart(6)}  ${r.rps.toFixed(0).padStart(5)}\n`,
    );
  }
} finally {
  await child?.stop();
  await store?.close();
  await database.drop();
}
