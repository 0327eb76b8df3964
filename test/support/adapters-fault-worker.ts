// A worker process for the fault tests, run with `node --import tsx --conditions=@tongban/source`.
//   burst  : replays a deterministic command log (with idempotency keys) while firing timers;
//            safe to kill -9 and run again: it resumes and ends every case as the log implies.
//   timers : fires due timers until none are left, then prints how many it fired.
//   pglite : starts cases one after another in a PGlite data directory, printing each one committed.
//   hold   : opens a PGlite data directory, starts one case, prints `holding <pid>`, waits for SIGTERM.
import {
  createPgliteStore,
  createPostgresStore,
  DurableRuntime,
  type TaskRow,
  TimerWorker,
} from '@tongban/adapters';
import { parallelApproval, waitThenReview } from './adapters-models.js';

const mode = process.argv[2];
const url = process.env.FAULT_DATABASE_URL;
const dataDir = process.env.FAULT_DATA_DIR;
const store =
  dataDir !== undefined
    ? await createPgliteStore({ dataDir })
    : await createPostgresStore({ connectionString: url ?? '', max: 4 });
const runtime = new DurableRuntime({ store });
const approval = parallelApproval();
const waiting = waitThenReview('PT1S');
await runtime.deploy(approval);
await runtime.deploy(waiting);

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

if (mode === 'burst') {
  const prefix = process.env.FAULT_PREFIX ?? 'case';
  const count = Number(process.env.FAULT_CASES ?? '100');
  const worker = new TimerWorker(runtime, { leaseMs: 1500, pollMs: 50, concurrency: 2, onError: () => {} });
  worker.start();
  const taskOf = async (caseId: string, elementId: string): Promise<TaskRow> => {
    const task = (await runtime.tasks(caseId)).find((row) => row.elementId === elementId);
    if (task === undefined) throw new Error(`${caseId}: no task ${elementId}`);
    return task;
  };
  const completeOnce = async (caseId: string, elementId: string): Promise<void> => {
    const task = await taskOf(caseId, elementId);
    await runtime.execute(
      caseId,
      { type: 'completeTask', taskId: task.taskId, department: task.department ?? '', outcome: 'approve' },
      { idempotencyKey: `${caseId}:${elementId}` },
    );
  };
  const runCase = async (index: number): Promise<void> => {
    const caseId = `${prefix}-${index}`;
    if (index % 2 === 0) {
      await runtime.start(approval.hash, { type: 'start', caseId }, { idempotencyKey: `${caseId}:start` });
      // The co-handlers and the lead at once, as their departments would.
      await Promise.all(
        ['lead_review', 'fire_review', 'env_review'].map((element) => completeOnce(caseId, element)),
      );
      await completeOnce(caseId, 'decide');
    } else {
      await runtime.start(waiting.hash, { type: 'start', caseId }, { idempotencyKey: `${caseId}:start` });
    }
  };
  let next = 0;
  let done = 0;
  const lane = async (): Promise<void> => {
    for (let index = next++; index < count; index = next++) {
      await runCase(index);
      say(`progress ${++done}`);
    }
  };
  await Promise.all([lane(), lane(), lane(), lane()]);
  // Every timer of the burst must have fired before the log counts as done.
  for (;;) {
    const pending = store.driver;
    if (pending.kind !== 'postgres') break;
    const result = await pending.pool.query<{ n: string }>(
      'select count(*) as n from timers where fired_at is null and case_id like $1',
      [`${prefix}-%`],
    );
    if (Number(result.rows[0]?.n) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await worker.stop();
  say('done');
} else if (mode === 'hold') {
  await runtime.start(approval.hash, { type: 'start', caseId: 'held' });
  const stopped = new Promise((resolve) => process.once('SIGTERM', resolve));
  say(`holding ${process.pid}`);
  await stopped;
} else if (mode === 'pglite') {
  say('ready');
  for (let index = 0; ; index++) {
    const caseId = `embedded-${index}`;
    const outcome = await runtime.start(approval.hash, { type: 'start', caseId });
    const lead = outcome.openTasks.find((task) => task.elementId === 'lead_review');
    await runtime.execute(caseId, { type: 'completeTask', taskId: lead?.id ?? '', department: '住建局' });
    say(`committed ${caseId}`);
  }
} else if (mode === 'timers') {
  let fired = 0;
  const worker = new TimerWorker(runtime, {
    batchSize: 25,
    concurrency: 2,
    onFired: (_timer, firing) => {
      if (firing.kind === 'fired') fired++;
    },
  });
  say('ready');
  let empty = 0;
  while (empty < 3) {
    const claimed = await worker.runOnce();
    empty = claimed === 0 ? empty + 1 : 0;
    if (claimed === 0) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  say(JSON.stringify({ fired }));
} else {
  throw new Error(`unknown mode ${mode}`);
}
await store.close();
