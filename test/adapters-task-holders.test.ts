import { createPgliteStore } from '@tongban/adapters';
import { expect, it } from 'vitest';

// A person's worklist finds their cases through the index over tongban_task_holders (migration
// 0007). An index expression that raised would refuse the write of a case, so the function must
// answer for any snapshot, whatever its shape.
it('tongban_task_holders lists who holds an open task, and never raises on an odd snapshot', async () => {
  const store = await createPgliteStore();
  try {
    if (store.driver.kind !== 'pglite') throw new Error('expected PGlite');
    const client = store.driver.client;
    const holders = async (snapshot: unknown): Promise<string[]> => {
      const { rows } = await client.query<{ h: string[] }>('select tongban_task_holders($1::jsonb) as h', [
        snapshot === undefined ? null : JSON.stringify(snapshot),
      ]);
      return rows[0]?.h ?? [];
    };
    const withTasks = (tasks: unknown) => ({ machine: { context: { tasks } } });
    expect(
      await holders(
        withTasks({
          'a#1': { id: 'a#1', claimedBy: '王科长' },
          'b#2': { id: 'b#2', delegatedTo: '李工', handlers: [{ id: '赵审查' }, { id: '王科长' }] },
          'c#3': { id: 'c#3' },
        }),
      ),
    ).toEqual(['李工', '王科长', '赵审查']);
    for (const odd of [
      withTasks({}),
      withTasks([]),
      withTasks('tasks'),
      withTasks({ 'a#1': 'not a task', 'b#2': { handlers: 'nobody' }, 'c#3': { handlers: [1, null, 'x'] } }),
      { machine: null },
      {},
      [],
      42,
      undefined,
    ])
      expect(await holders(odd)).toEqual([]);
  } finally {
    await store.close();
  }
});
