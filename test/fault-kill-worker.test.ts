// kill -9 a worker in the middle of a burst of commands and timers, restart it, and check that every
// case ends exactly as the command log implies: nothing lost, nothing applied twice.
import { createPostgresStore, type TongbanStore } from '@tongban/adapters';
import { afterAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, DATABASE_URL, type ScratchDatabase } from './support/adapters-databases.js';
import { spawnWorker } from './support/adapters-processes.js';

const CASES = 120;
const label =
  DATABASE_URL === undefined
    ? 'kill -9 during a burst (skipped: DATABASE_URL not set)'
    : 'kill -9 during a burst, on PostgreSQL';

describe.skipIf(DATABASE_URL === undefined)(label, () => {
  let scratch: ScratchDatabase | undefined;
  let store: TongbanStore | undefined;
  afterAll(async () => {
    await store?.close();
    await scratch?.drop();
  });

  it('resumes after the crash and ends every case as the log implies', async () => {
    scratch = await createScratchDatabase();
    const env = { FAULT_DATABASE_URL: scratch.url, FAULT_CASES: String(CASES), FAULT_PREFIX: 'burst' };

    const first = spawnWorker('burst', env);
    await first.waitFor((line) => line === 'progress 25', 20_000);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    expect(first.lines).not.toContain('done');

    const second = spawnWorker('burst', env);
    await second.waitFor((line) => line === 'done', 25_000);
    expect(await second.exited).toBe(0);

    store = await createPostgresStore({ connectionString: scratch.url, max: 2 });
    if (store.driver.kind !== 'postgres') throw new Error('expected PostgreSQL');
    const pool = store.driver.pool;
    const perCase = await pool.query<{
      id: string;
      status: string;
      version: number;
      last_seq: number;
      events: number;
      completed: number;
      fired: number;
      decide_opened: number;
      open_tasks: number;
      unfired: number;
    }>(`select c.id, c.status, c.version, c.last_seq,
          (select count(*)::int from events e where e.case_id = c.id) as events,
          (select count(*)::int from events e where e.case_id = c.id and e.type = 'task.completed') as completed,
          (select count(*)::int from events e where e.case_id = c.id and e.type = 'timer.fired') as fired,
          (select count(*)::int from events e where e.case_id = c.id and e.type = 'task.opened'
             and e.payload->>'elementId' = 'decide') as decide_opened,
          (select count(*)::int from tasks t where t.case_id = c.id and t.status = 'open') as open_tasks,
          (select count(*)::int from timers t where t.case_id = c.id and t.fired_at is null) as unfired
        from cases c order by c.id`);
    expect(perCase.rows).toHaveLength(CASES);
    for (const row of perCase.rows) {
      const index = Number(row.id.split('-')[1]);
      expect(row.events, row.id).toBe(row.last_seq);
      if (index % 2 === 0) {
        // start + four completions, each exactly once
        expect(row, row.id).toMatchObject({
          status: 'completed',
          version: 5,
          completed: 4,
          decide_opened: 1,
          open_tasks: 0,
        });
      } else {
        // start + one timer firing, exactly once
        expect(row, row.id).toMatchObject({
          status: 'running',
          version: 2,
          fired: 1,
          open_tasks: 1,
          unfired: 0,
        });
      }
    }
    const keys = await pool.query<{ n: number }>('select count(*)::int as n from commands');
    expect(keys.rows[0]?.n).toBe(CASES + (CASES / 2) * 4);

    const { verifyCase } = await import('@tongban/adapters');
    for (const row of perCase.rows) expect((await verifyCase(store.db, row.id)).ok, row.id).toBe(true);
  }, 180_000);
});
