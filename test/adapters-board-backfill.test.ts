import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPgliteStore, DurableRuntime } from '@tongban/adapters';
import { describe, expect, it } from 'vitest';
import { timedParallel } from './support/supervision-models.js';

const MIGRATION = join(
  import.meta.dirname,
  '..',
  'packages',
  'adapters',
  'drizzle',
  '0008_board_and_worklist_columns.sql',
);

/** Migration 0008's backfill statements: the columns of rows written before it, from the snapshots. */
const backfill = readFileSync(MIGRATION, 'utf8')
  .split('--> statement-breakpoint')
  .map((statement) => statement.trim())
  .filter((statement) => statement.startsWith('UPDATE'));

describe('migration 0008 fills the ranking columns of existing rows (PGlite)', () => {
  it('sets tasks.light, tasks.urgency and cases.task_due as the write function would have', async () => {
    expect(backfill).toHaveLength(2);
    const store = await createPgliteStore();
    try {
      let now = Date.parse('2026-03-02T09:00:00+08:00');
      const runtime = new DurableRuntime({ store, clock: () => now });
      const definition = timedParallel();
      await runtime.deploy(definition);
      await runtime.start(definition.hash, { type: 'start', caseId: 'old-1' });
      await runtime.start(definition.hash, { type: 'start', caseId: 'old-2' });
      // Turn some lights by their timers, as a store would have before the columns existed.
      now = Date.parse('2026-03-05T10:00:00+08:00');
      for (const timer of await runtime.timers('old-1'))
        if (timer.firedAt === null && timer.dueAt <= now) await runtime.fireTimer('old-1', timer.timerId);
      const client = store.driver.kind === 'pglite' ? store.driver.client : undefined;
      if (client === undefined) throw new Error('expected PGlite');
      const read = async () => ({
        tasks: (
          await client.query('select case_id, task_id, light, urgency from tasks order by case_id, task_id')
        ).rows,
        cases: (await client.query('select id, task_due from cases order by id')).rows,
      });
      const written = await read();
      expect(written.tasks.some((row) => (row as { light: string | null }).light === 'red')).toBe(true);
      // As rows from before 0008 look, then the backfill.
      await client.query("update tasks set light = null, urgency = 3 where status = 'open'");
      await client.query('update cases set task_due = null');
      for (const statement of backfill) await client.query(statement);
      expect(await read()).toEqual(written);
    } finally {
      await store.close();
    }
  });
});
