import { createPgliteStore, DurableRuntime, queryBoard } from '@tongban/adapters';
import type { CompiledDefinition } from '@tongban/engine';
import { describe, expect, it } from 'vitest';
import { end, scope, start, task } from '../packages/engine/test/support/ir.js';
import { compiled } from './support/adapters-models.js';

const T0 = Date.parse('2026-03-02T09:00:00+08:00');

/** One review the 规划局's handlers claim (签收) before acting. */
function claimedReview(): CompiledDefinition {
  return compiled(
    scope(
      'claimed_review',
      [
        start('s'),
        task('review', '规划局', {
          claim: 'one',
          handlers: [
            { id: '张', weight: 1 },
            { id: '李', weight: 1 },
          ],
        }),
        end('e'),
      ],
      [
        ['s', 'review'],
        ['review', 'e'],
      ],
    ),
  );
}

describe('the board names who handles each open task (PGlite)', () => {
  it('shows the claimant of a claimed task, the delegate of a delegated one, and nobody otherwise', async () => {
    const store = await createPgliteStore();
    try {
      const runtime = new DurableRuntime({ store, clock: () => T0 });
      const definition = claimedReview();
      await runtime.deploy(definition);
      for (const id of ['open', 'claimed', 'delegated']) {
        await runtime.start(definition.hash, { type: 'start', caseId: id });
      }
      const taskOf = async (caseId: string) => (await runtime.tasks(caseId))[0]?.taskId ?? '';
      await runtime.execute('claimed', {
        type: 'claimTask',
        taskId: await taskOf('claimed'),
        department: '规划局',
        actor: { id: '李' },
      });
      await runtime.execute('delegated', {
        type: 'delegateTask',
        taskId: await taskOf('delegated'),
        department: '规划局',
        to: '王',
      });
      const board = await queryBoard(store.db, { now: T0 + 3_600_000 });
      const responsible = Object.fromEntries(board.map((c) => [c.caseId, c.tasks[0]?.responsible]));
      expect(responsible).toEqual({ open: null, claimed: '李', delegated: '王' });
    } finally {
      await store.close();
    }
  });
});
