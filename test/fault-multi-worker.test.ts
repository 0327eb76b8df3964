// Four worker processes share one PostgreSQL and thousands of overdue timers: each fires once.
import { createPostgresStore, DurableRuntime, type TongbanStore } from '@tongban/adapters';
import { afterAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, DATABASE_URL, type ScratchDatabase } from './support/adapters-databases.js';
import { waitThenReview } from './support/adapters-models.js';
import { spawnWorker } from './support/adapters-processes.js';

const TIMERS = 2000;
const label =
  DATABASE_URL === undefined
    ? '4 timer workers (skipped: DATABASE_URL not set)'
    : '4 timer worker processes on one PostgreSQL';

describe.skipIf(DATABASE_URL === undefined)(label, () => {
  let scratch: ScratchDatabase | undefined;
  let store: TongbanStore | undefined;
  afterAll(async () => {
    await store?.close();
    await scratch?.drop();
  });

  it(`fires each of ${TIMERS} due timers exactly once`, async () => {
    scratch = await createScratchDatabase();
    store = await createPostgresStore({ connectionString: scratch.url, max: 8 });
    // Cases started two hours ago: their timers fell due while no worker ran.
    const runtime = new DurableRuntime({ store, clock: () => Date.now() - 2 * 3_600_000 });
    const definition = waitThenReview('PT1S');
    await runtime.deploy(definition);
    let next = 0;
    const lane = async (): Promise<void> => {
      for (let index = next++; index < TIMERS; index = next++) {
        await runtime.start(definition.hash, { type: 'start', caseId: `many-${index}` });
      }
    };
    await Promise.all(Array.from({ length: 8 }, lane));

    const env = { FAULT_DATABASE_URL: scratch.url };
    const workers = Array.from({ length: 4 }, () => spawnWorker('timers', env));
    const codes = await Promise.all(workers.map((worker) => worker.exited));
    expect(codes).toEqual([0, 0, 0, 0]);
    const fired = workers.map((worker) => {
      const last = worker.lines.at(-1) ?? '{}';
      return (JSON.parse(last) as { fired?: number }).fired ?? -1;
    });
    expect(fired.reduce((sum, count) => sum + count, 0)).toBe(TIMERS);

    if (store.driver.kind !== 'postgres') throw new Error('expected PostgreSQL');
    const pool = store.driver.pool;
    const totals = await pool.query<{ events: number; cases: number; unfired: number; versions: number }>(
      `select (select count(*)::int from events where type = 'timer.fired') as events,
              (select count(distinct case_id)::int from events where type = 'timer.fired') as cases,
              (select count(*)::int from timers where fired_at is null) as unfired,
              (select count(*)::int from cases where version <> 2) as versions`,
    );
    expect(totals.rows[0]).toEqual({ events: TIMERS, cases: TIMERS, unfired: 0, versions: 0 });
  }, 180_000);
});
