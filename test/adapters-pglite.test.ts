import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgliteStore, DurableRuntime } from '@tongban/adapters';
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
