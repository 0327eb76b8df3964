// What the engine's work between two writes costs the write itself, on PGlite in memory (issue 4).
//   pnpm --filter @tongban/bench run bench:store-interleave
// The raw rate of bench:store is a tight loop of single-row transactions: nothing runs between
// them. A command's write never runs like that: the engine steps the command first. This captures
// the write documents of 1,000 parallel approvals (5,000 commands), then replays them on fresh
// stores in alternating rounds: back to back, and with the engine stepping one case (five
// commands, in memory) before each write. It prints the time per write in each way, the
// engine's time for that case, and a raw single-row transaction in the same process.
import { createPgliteStore, DurableRuntime, type TongbanStore } from '@tongban/adapters';
import { type Command, step } from '@tongban/engine';
import { parallelApproval } from '../test/support/adapters-models.js';
import { runApproval } from '../test/support/approval-run.js';

const approval = parallelApproval();
const ROUNDS = Number(process.env.ROUNDS ?? 4);
const WRITE = 'select tongban_write_command($1::jsonb)';

async function capture(): Promise<string[]> {
  const store = await createPgliteStore();
  const documents: string[] = [];
  const prepared = store.prepared.bind(store);
  const recording: TongbanStore = {
    ...store,
    prepared: (name, text, params) => {
      if (params[0] !== undefined && params[0] !== null) documents.push(params[0]);
      return prepared(name, text, params);
    },
  };
  const runtime = new DurableRuntime({ store: recording });
  await runtime.deploy(approval);
  for (let index = 0; index < 1000; index++) await runApproval(runtime, approval.hash, `il-${index}`);
  await store.close();
  return documents;
}

/** The engine alone stepping one approval from start to decision (in memory, no I/O). */
function engineCase(index: number): number {
  let result = step(approval, null, { type: 'start', caseId: `e-${index}` }, Date.now());
  let commands = 1;
  while (result.ok && result.openTasks[0] !== undefined) {
    const open = result.openTasks[0];
    const command: Command = { type: 'completeTask', taskId: open.id, department: open.department ?? '' };
    result = step(approval, result.snapshot, command, Date.now());
    commands++;
  }
  return commands;
}

/** Replays the documents on a fresh store; returns µs per write (and per engine case between). */
async function replay(
  documents: readonly string[],
  round: number,
  between: boolean,
): Promise<{ write: number; engine: number }> {
  const store = await createPgliteStore();
  await store.db.execute(
    `insert into definitions (hash, process_id, document) values ('${approval.hash}', '${approval.processId}', '{}')`,
  );
  let writeNs = 0n;
  let engineNs = 0n;
  for (const [index, document] of documents.entries()) {
    if (between) {
      const started = process.hrtime.bigint();
      engineCase(index);
      engineNs += process.hrtime.bigint() - started;
    }
    const started = process.hrtime.bigint();
    const [row] = await store.prepared('write', WRITE, [document.replaceAll('"il-', `"r${round}-`)]);
    writeNs += process.hrtime.bigint() - started;
    if (row?.[0] !== '1') throw new Error(`document ${index} was not written: ${JSON.stringify(row)}`);
  }
  await store.close();
  return {
    write: Number(writeNs) / 1000 / documents.length,
    engine: Number(engineNs) / 1000 / documents.length,
  };
}

async function rawTransaction(): Promise<number> {
  const store = await createPgliteStore({ migrate: false });
  if (store.driver.kind !== 'pglite') throw new Error('PGlite expected');
  const client = store.driver.client;
  await client.exec('create table bench_raw (id bigserial primary key, payload text not null)');
  const count = 5000;
  const started = process.hrtime.bigint();
  for (let index = 0; index < count; index++)
    await client.transaction(async (tx) => {
      await tx.query('insert into bench_raw (payload) values ($1)', ['申请材料已收到']);
    });
  const us = Number(process.hrtime.bigint() - started) / 1000 / count;
  await store.close();
  return us;
}

const documents = await capture();
const alone: number[] = [];
const interleaved: number[] = [];
const engine: number[] = [];
const raw: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  alone.push((await replay(documents, 2 * round, false)).write);
  const mixed = await replay(documents, 2 * round + 1, true);
  interleaved.push(mixed.write);
  engine.push(mixed.engine);
  raw.push(await rawTransaction());
  process.stderr.write(`  round ${round + 1}/${ROUNDS}\n`);
}
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const show = (values: number[]): string =>
  `${Math.round(median(values))} (${values.map((v) => Math.round(v)).join(', ')})`;
console.log(`\nPGlite in memory, ${documents.length} command writes replayed per round, ${ROUNDS} rounds`);
console.log('µs, median (each round)');
console.log('| | µs |');
console.log('|---|---|');
console.log(`| one command write, back to back | ${show(alone)} |`);
console.log(`| one command write, the engine stepping a case before each | ${show(interleaved)} |`);
console.log(`| the engine stepping that case (5 commands, in memory) | ${show(engine)} |`);
console.log(`| one raw single-row transaction, back to back | ${show(raw)} |`);
