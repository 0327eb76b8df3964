import { createPgliteStore, DurableRuntime } from '@tongban/adapters';
import { describe, expect, it } from 'vitest';
import { parallelApproval } from './support/adapters-models.js';

/** 撤回 through the durable runtime: task rows close and reopen as the engine says. */
describe('recall on the durable runtime (PGlite)', () => {
  it('keeps the completed row, cancels the next step, opens a new row for the reopened task', async () => {
    const store = await createPgliteStore();
    try {
      let now = Date.parse('2026-03-02T09:00:00+08:00');
      const runtime = new DurableRuntime({ store, clock: () => now });
      const definition = parallelApproval();
      await runtime.deploy(definition);
      await runtime.start(definition.hash, { type: 'start', caseId: 'r1' });
      const open = async () =>
        (await runtime.tasks('r1'))
          .filter((t) => t.status === 'open')
          .map((t) => t.elementId)
          .sort();
      const complete = async (elementId: string, department: string, actor?: string) => {
        now += 60_000;
        const task = (await runtime.tasks('r1')).find(
          (t) => t.elementId === elementId && t.status === 'open',
        );
        await runtime.execute('r1', {
          type: 'completeTask',
          taskId: task?.taskId ?? '',
          department,
          outcome: 'approve',
          opinion: '同意',
          ...(actor ? { actor: { id: actor } } : {}),
        });
        return task?.taskId ?? '';
      };
      await complete('lead_review', '住建局');
      const fire = await complete('fire_review', '消防救援支队', '消防-王');
      await complete('env_review', '生态环境局');
      expect(await open()).toEqual(['decide']);
      const decide = (await runtime.tasks('r1')).find((t) => t.elementId === 'decide')!.taskId;

      now += 60_000;
      await runtime.execute('r1', {
        type: 'recall',
        elementId: 'fire_review',
        department: '消防救援支队',
        reason: '意见填错',
        actor: { id: '消防-王' },
      });
      const rows = await runtime.tasks('r1');
      expect(rows.find((t) => t.taskId === fire)).toMatchObject({
        status: 'completed',
        outcome: 'approve',
        completedBy: '消防-王',
      });
      expect(rows.find((t) => t.taskId === decide)).toMatchObject({ status: 'cancelled' });
      const reopened = rows.filter((t) => t.elementId === 'fire_review' && t.status === 'open');
      expect(reopened).toHaveLength(1);
      expect(reopened[0]?.department).toBe('消防救援支队');
      expect(await open()).toEqual(['fire_review']);

      // Too late once the next step has been acted on (here: delegated): nothing is written.
      await complete('fire_review', '消防救援支队', '消防-王');
      const next = (await runtime.tasks('r1')).find((t) => t.elementId === 'decide' && t.status === 'open');
      now += 60_000;
      await runtime.execute('r1', {
        type: 'delegateTask',
        taskId: next?.taskId ?? '',
        department: '住建局',
        to: '科员-李',
      });
      const events = (await runtime.events('r1')).length;
      await expect(
        runtime.execute('r1', {
          type: 'recall',
          elementId: 'fire_review',
          department: '消防救援支队',
          reason: 'r',
          actor: { id: '消防-王' },
        }),
      ).rejects.toMatchObject({ code: 'RECALL_TOO_LATE' });
      expect((await runtime.events('r1')).length).toBe(events);
      expect((await runtime.verify('r1')).ok).toBe(true);
    } finally {
      await store.close();
    }
  });
});
