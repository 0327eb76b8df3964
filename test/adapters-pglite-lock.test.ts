// One process per PGlite data directory (issue 15, finding 1): a second open while a real child
// process holds the directory fails fast naming the holder; once the holder is killed, its stale
// lock is taken over and nothing it committed is lost.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgliteStore, DataDirectoryLockedError, DurableRuntime } from '@tongban/adapters';
import { describe, expect, it } from 'vitest';
import { spawnWorker } from './support/adapters-processes.js';

describe('a PGlite data directory held by another process', () => {
  it('refuses a second open naming the holder, and takes over the lock of a killed holder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tongban-pglite-lock-'));
    try {
      const dataDir = join(dir, 'db');
      const holder = spawnWorker('hold', { FAULT_DATA_DIR: dataDir });
      // Waits for the child to have opened the directory and committed a case.
      await holder.waitFor((line) => line.startsWith('holding '), 40_000);
      const pid = holder.child.pid ?? -1;

      const second = createPgliteStore({ dataDir });
      await expect(second).rejects.toBeInstanceOf(DataDirectoryLockedError);
      await expect(second).rejects.toMatchObject({ code: 'DATA_DIR_LOCKED', pid, host: hostname() });
      await expect(second).rejects.toThrow(`in use by process ${pid}`);

      holder.child.kill('SIGKILL');
      expect(await holder.exited).toBe('SIGKILL');
      // The lock file is left behind by the killed process: stale, so it is taken over.
      expect(existsSync(join(dataDir, 'tongban.lock'))).toBe(true);
      const store = await createPgliteStore({ dataDir });
      try {
        const runtime = new DurableRuntime({ store });
        expect((await runtime.getCase('held'))?.version).toBe(1);
        await expect(createPgliteStore({ dataDir })).rejects.toMatchObject({ pid: process.pid });
      } finally {
        await store.close();
      }
      // Closed: the lock is given back and the directory opens again.
      expect(existsSync(join(dataDir, 'tongban.lock'))).toBe(false);
      const again = await createPgliteStore({ dataDir });
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
