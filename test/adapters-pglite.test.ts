import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgliteStore, DurableRuntime, StoreProtocolError } from '@tongban/adapters';
import { describe, expect, it } from 'vitest';
import { pgliteFactory } from './support/adapters-databases.js';
import { parallelApproval } from './support/adapters-models.js';
import { defineStoreSuite } from './support/adapters-store-suite.js';

defineStoreSuite('PGlite store (in memory)', pgliteFactory);

describe('PGlite store in a data directory', () => {
  it('keeps cases across a close and reopen', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tongban-pglite-'));
    try {
      const definition = parallelApproval();
      const first = await createPgliteStore({ dataDir });
      const before = new DurableRuntime({ store: first });
      await before.deploy(definition);
      await before.start(definition.hash, { type: 'start', caseId: 'persisted' });
      await first.close();

      const second = await createPgliteStore({ dataDir });
      const after = new DurableRuntime({ store: second });
      const tasks = await after.tasks('persisted');
      const lead = tasks.find((task) => task.elementId === 'lead_review');
      const outcome = await after.execute('persisted', {
        type: 'completeTask',
        taskId: lead?.taskId ?? '',
        department: '住建局',
      });
      expect(outcome.version).toBe(2);
      expect((await after.verify('persisted')).ok).toBe(true);
      await second.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('PGlite store whose functions do not match the code', () => {
  it('fails grouped commands with STORE_PROTOCOL, naming the remedy, and takes none as written', async () => {
    const store = await createPgliteStore();
    try {
      const runtime = new DurableRuntime({ store });
      const definition = parallelApproval();
      await runtime.deploy(definition);
      // As if the database had another release's function: it answers no result per command.
      if (store.driver.kind !== 'pglite') throw new Error('expected PGlite');
      await store.driver.client.exec(
        `create or replace function tongban_write_commands(docs jsonb) returns jsonb language sql as $$ select '[]'::jsonb $$`,
      );
      const ids = Array.from({ length: 6 }, (_, index) => `mismatch-${index}`);
      const outcomes = await Promise.allSettled(
        ids.map((caseId) => runtime.start(definition.hash, { type: 'start', caseId })),
      );
      const refused = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
      // The first command goes alone (tongban_write_command, still intact); those queued behind it form a group.
      expect(runtime.writeCounts().statements).toBeLessThan(6);
      expect(refused.length).toBeGreaterThan(0);
      for (const error of refused) {
        expect(error).toBeInstanceOf(StoreProtocolError);
        expect(error).toMatchObject({ code: 'STORE_PROTOCOL' });
        expect(String((error as Error).message)).toContain('tongban migrate');
      }
      for (const [index, outcome] of outcomes.entries()) {
        const stored = await runtime.getCase(ids[index] ?? '');
        if (outcome.status === 'rejected') expect(stored).toBeNull();
        else expect(stored).not.toBeNull();
      }
    } finally {
      await store.close();
    }
  });
});

describe('task rows', () => {
  it('name the task id `id`, as openTasks does on every runtime (taskId kept as the same value)', async () => {
    const store = await createPgliteStore();
    try {
      const runtime = new DurableRuntime({ store });
      const definition = parallelApproval();
      await runtime.deploy(definition);
      await runtime.start(definition.hash, { caseId: 'row-ids' });
      const rows = await runtime.tasks('row-ids');
      const open = await runtime.openTasks('row-ids');
      expect(rows.map((row) => row.id).sort()).toEqual(open.map((task) => task.id).sort());
      for (const row of rows) expect(row.taskId).toBe(row.id);
    } finally {
      await store.close();
    }
  });
});
