import { readdirSync } from 'node:fs';
import { createPgliteStore, migrationsFolder, type StoreOpenProgress } from '@tongban/adapters';
import { expect, it } from 'vitest';

// Embedders show progress while the embedded store opens (seconds) and migrates: createPgliteStore
// reports each slow step as it starts and ends, and the CLI's progress lines come from the same calls.
it('createPgliteStore reports opening, opened, migrating and migrated, in order', async () => {
  const seen: StoreOpenProgress[] = [];
  const store = await createPgliteStore({ onProgress: (p) => seen.push(p) });
  try {
    expect(seen.map((p) => p.step)).toEqual(['opening', 'opened', 'migrating', 'migrated']);
    expect(seen[0]).toEqual({ step: 'opening', dataDir: null });
    const migrated = seen[3];
    expect(migrated).toMatchObject({
      applied: readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).length,
    });
    for (const p of seen) if ('ms' in p) expect(p.ms).toBeGreaterThanOrEqual(0);

    // A PGlite the caller opened is not opened again: only the migration step, with nothing to apply.
    if (store.driver.kind !== 'pglite') throw new Error('expected PGlite');
    const again: StoreOpenProgress[] = [];
    const reused = await createPgliteStore({ client: store.driver.client, onProgress: (p) => again.push(p) });
    await reused.close();
    expect(again).toMatchObject([{ step: 'migrating' }, { step: 'migrated', applied: 0 }]);
  } finally {
    await store.close();
  }
});

it('opens the store even when the progress listener throws', async () => {
  const store = await createPgliteStore({
    onProgress: () => {
      throw new Error('a broken progress bar');
    },
  });
  try {
    if (store.driver.kind !== 'pglite') throw new Error('expected PGlite');
    const { rows } = await store.driver.client.query('select count(*)::int as n from cases');
    expect(rows).toEqual([{ n: 0 }]);
  } finally {
    await store.close();
  }
});
