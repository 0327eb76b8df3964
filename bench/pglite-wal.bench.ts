// The embedded store's write-ahead log over a long run (issue 4's operations guide).
//   pnpm --filter @tongban/bench run bench:pglite-wal        (CASES=20000 by default)
// PGlite never checkpoints by itself; the store does once `checkpointWalBytes` of log were written.
// Runs the same load twice, each in a process of its own so that its memory is its own: with the
// store's checkpoints, and with `checkpointWalBytes: 0`. Prints the log written, what is left in
// pg_wal, the process's ArrayBuffer memory (PGlite's WASM memory and in-memory files), and the
// checkpoints with their durations.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createPgliteStore, DurableRuntime } from '@tongban/adapters';
import { parallelApproval } from '../test/support/adapters-models.js';
import { runApproval } from '../test/support/approval-run.js';

const CASES = Number(process.env.CASES ?? 20_000);

interface Row {
  readonly label: string;
  readonly commands: number;
  readonly perSecond: number;
  readonly walWrittenMb: number;
  readonly segments: number;
  readonly pgWalMb: number;
  readonly arrayBuffersMb: number;
  readonly checkpointsMs: number[];
}

async function run(checkpoints: boolean): Promise<Row> {
  const store = await createPgliteStore(checkpoints ? {} : { checkpointWalBytes: 0 });
  if (store.driver.kind !== 'pglite') throw new Error('PGlite expected');
  const client = store.driver.client;
  const checkpointsMs: number[] = [];
  const exec = client.exec.bind(client);
  // Times the store's checkpoints: they go through `exec`.
  client.exec = async (query, options) => {
    const started = performance.now();
    try {
      return await exec(query, options);
    } finally {
      if (query === 'checkpoint') checkpointsMs.push(performance.now() - started);
    }
  };
  const approval = parallelApproval();
  const runtime = new DurableRuntime({ store });
  await runtime.deploy(approval);
  const started = performance.now();
  let commands = 0;
  for (let index = 0; index < CASES; index++) {
    commands += await runApproval(runtime, approval.hash, `wal-${index}`);
    if (index % 2000 === 1999)
      process.stderr.write(`  ${checkpoints ? 'on ' : 'off'}: ${index + 1}/${CASES} cases\n`);
  }
  const perSecond = (commands * 1000) / (performance.now() - started);
  const { rows } = await client.query<{ written: number; segments: number; size: number }>(
    `select ((pg_current_wal_lsn() - '0/0'::pg_lsn) / 1e6)::float8 as written,
            (select count(*)::int from pg_ls_waldir()) as segments,
            (select sum(size) / 1e6 from pg_ls_waldir())::float8 as size`,
  );
  const [wal] = rows;
  if (wal === undefined) throw new Error('no WAL row');
  globalThis.gc?.();
  const row: Row = {
    label: checkpoints ? 'store checkpoints (64 MiB)' : 'checkpointWalBytes: 0',
    commands,
    perSecond,
    walWrittenMb: wal.written,
    segments: wal.segments,
    pgWalMb: wal.size,
    arrayBuffersMb: process.memoryUsage().arrayBuffers / 1e6,
    checkpointsMs,
  };
  await store.close();
  return row;
}

if (process.argv[2] === '--child') {
  process.stdout.write(`${JSON.stringify(await run(process.argv[3] === 'on'))}\n`);
} else {
  const tsx = createRequire(import.meta.url).resolve('tsx');
  const self = fileURLToPath(import.meta.url);
  const rows = ['on', 'off'].map((mode) => {
    const child = spawnSync(
      process.execPath,
      ['--expose-gc', '--import', tsx, '--conditions=@tongban/source', self, '--child', mode],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: process.env },
    );
    if (child.status !== 0) throw new Error(`the ${mode} run exited with ${child.status}`);
    return JSON.parse(child.stdout) as Row;
  });
  const mb = (n: number): string => `${Math.round(n)} MB`;
  console.log(`\nPGlite in memory, ${CASES} parallel approvals, one caller\n`);
  console.log('| | commands/s | log written | pg_wal at the end | ArrayBuffer memory | checkpoints |');
  console.log('|---|---|---|---|---|---|');
  for (const row of rows) {
    const times = row.checkpointsMs.map((ms) => Math.round(ms));
    const checkpoints =
      times.length === 0 ? 'none' : `${times.length}, ${Math.min(...times)}–${Math.max(...times)} ms each`;
    console.log(
      `| ${row.label} | ${Math.round(row.perSecond)} | ${mb(row.walWrittenMb)} | ${row.segments} segments, ${mb(row.pgWalMb)} | ${mb(row.arrayBuffersMb)} | ${checkpoints} |`,
    );
  }
}
