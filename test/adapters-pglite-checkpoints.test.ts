import { createPgliteStore, DurableRuntime, type TongbanStore } from '@tongban/adapters';
import { expect, it } from 'vitest';
import { parallelApproval } from './support/adapters-models.js';
import { runApproval } from './support/approval-run.js';

// PGlite is a single-user backend: nothing checkpoints unless the store does, and the write-ahead
// log would grow for as long as the process runs. The store checkpoints once `checkpointWalBytes`
// of log were written since the last checkpoint.

async function redo(store: TongbanStore): Promise<{ lsn: string; since: number }> {
  if (store.driver.kind !== 'pglite') throw new Error('PGlite only');
  const { rows } = await store.driver.client.query<{ lsn: string; since: number }>(
    `select redo_lsn::text as lsn, pg_wal_lsn_diff(pg_current_wal_insert_lsn(), redo_lsn)::float8 as since
       from pg_control_checkpoint()`,
  );
  const [row] = rows;
  if (row === undefined) throw new Error('no checkpoint row');
  return row;
}

/** 400 commands: 80 parallel approvals from start to decision. */
async function approvals(store: TongbanStore): Promise<void> {
  const approval = parallelApproval();
  const runtime = new DurableRuntime({ store });
  await runtime.deploy(approval);
  for (let index = 0; index < 80; index++) await runApproval(runtime, approval.hash, `ck-${index}`);
}

it('PGlite store checkpoints once enough write-ahead log was written, and not when told never to', async () => {
  const checkpointing = await createPgliteStore({ checkpointWalBytes: 256 * 1024 });
  const never = await createPgliteStore({ checkpointWalBytes: 0 });
  try {
    const before = { checkpointing: await redo(checkpointing), never: await redo(never) };
    await approvals(checkpointing);
    await approvals(never);
    const after = { checkpointing: await redo(checkpointing), never: await redo(never) };

    expect(after.checkpointing.lsn).not.toBe(before.checkpointing.lsn);
    expect(after.never.lsn).toBe(before.never.lsn);
    // The log since the last checkpoint is what recovery replays and what an in-memory store holds.
    expect(after.never.since).toBeGreaterThan(1024 * 1024);
    expect(after.checkpointing.since).toBeLessThan(after.never.since / 2);
  } finally {
    await checkpointing.close();
    await never.close();
  }
});
