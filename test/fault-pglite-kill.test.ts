// kill -9 the process that owns a PGlite data directory in the middle of a stream of commands: every
// command it reported committed is there when the directory is opened again, with its audit chain.
// (A process crash, not a host crash: PGlite runs without fsync, see docs/operations.md.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgliteStore, DurableRuntime } from '@tongban/adapters';
import { describe, expect, it } from 'vitest';
import { spawnWorker } from './support/adapters-processes.js';

describe('kill -9 the owner of a PGlite data directory', () => {
  it('keeps every command it reported committed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tongban-pglite-kill-'));
    try {
      const dataDir = join(dir, 'db');
      const writer = spawnWorker('pglite', { FAULT_DATA_DIR: dataDir });
      await writer.waitFor((line) => line === 'committed embedded-40', 40_000);
      writer.child.kill('SIGKILL');
      expect(await writer.exited).toBe('SIGKILL');
      const committed = writer.lines
        .filter((line) => line.startsWith('committed '))
        .map((line) => line.slice(10));

      const store = await createPgliteStore({ dataDir });
      const runtime = new DurableRuntime({ store });
      try {
        for (const caseId of committed) {
          const row = await runtime.getCase(caseId);
          expect(row?.version, caseId).toBe(2);
          expect((await runtime.verify(caseId)).ok, caseId).toBe(true);
        }
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
