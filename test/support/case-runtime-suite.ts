// The CaseRuntime contract: what every runtime (MemoryRuntime, DurableRuntime on PGlite and on
// PostgreSQL) does the same way.
import type { CaseRuntime, WorklistItem } from '@tongban/engine';
import { afterEach, describe, expect, it } from 'vitest';
import { limitedReview, permitVersion } from './case-runtime-models.js';

/** A fresh runtime on a manual clock, and how to release it. */
export interface RuntimeUnderTest {
  readonly runtime: CaseRuntime;
  /** Moves the runtime's clock. */
  setNow(at: number): void;
  close(): Promise<void>;
}

export const T0 = Date.UTC(2026, 2, 2, 1, 0); // Monday 2026-03-02 09:00 Beijing

export function defineCaseRuntimeSuite(
  label: string,
  make: ((at: number) => Promise<RuntimeUnderTest>) | null,
): void {
  const run = make === null ? describe.skip : describe;
  run(`${label}: the CaseRuntime contract`, () => {
    let open: RuntimeUnderTest[] = [];
    const fresh = async (): Promise<RuntimeUnderTest> => {
      if (make === null) throw new Error('unreachable');
      const made = await make(T0);
      open.push(made);
      return made;
    };
    afterEach(async () => {
      await Promise.all(open.map((m) => m.close()));
      open = [];
    });

    it('lists deployed versions per process and starts the latest by process id', async () => {
      const { runtime, setNow } = await fresh();
      const v1 = permitVersion(1);
      const v2 = permitVersion(2);
      expect(await runtime.latest('permit')).toBeNull();
      expect(await runtime.deploy(v1)).toBe(v1.hash);
      const first = await runtime.startLatest('permit', { caseId: 'p-old' });
      setNow(T0 + 60_000);
      expect(await runtime.deploy(v2)).toBe(v2.hash);
      expect(await runtime.deploy(v1)).toBe(v1.hash); // again: still version 1
      const listed = await runtime.definitions();
      expect(listed.map((d) => [d.processId, d.version, d.hash])).toEqual([
        ['permit', 1, v1.hash],
        ['permit', 2, v2.hash],
      ]);
      expect((await runtime.latest('permit'))?.hash).toBe(v2.hash);

      const second = await runtime.startLatest('permit', { caseId: 'p-new' });
      const complete = async (caseId: string) => {
        const [review] = await runtime.openTasks(caseId);
        return runtime.execute(caseId, {
          type: 'completeTask',
          taskId: review?.id ?? '',
          department: '住建局',
        });
      };
      // The old case keeps its version (review, then the end); the new one has a decision.
      expect(first.openTasks.map((t) => t.elementId)).toEqual(['review']);
      expect(second.openTasks.map((t) => t.elementId)).toEqual(['review']);
      expect((await complete('p-old')).status).toBe('completed');
      expect((await complete('p-new')).openTasks.map((t) => t.elementId)).toEqual(['decide']);
    });

    it('refuses to start the latest version of a process that was never deployed', async () => {
      const { runtime } = await fresh();
      const refused = await runtime.startLatest('nothing-here', { caseId: 'x' }).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: expect.stringMatching(/^(UNKNOWN_DEFINITION|NO_DEFINITION)$/) });
    });

    it('start takes the command with or without its type, and openTasks uses `id`', async () => {
      const { runtime } = await fresh();
      const hash = await runtime.deploy(permitVersion(1));
      await runtime.start(hash, { type: 'start', caseId: 'typed' });
      await runtime.start(hash, { caseId: 'untyped' });
      const [a] = await runtime.openTasks('typed');
      const [b] = await runtime.openTasks('untyped');
      expect(a?.id).toBe(b?.id);
      expect(a?.elementId).toBe('review');
    });

    it("lists a department's and a person's open tasks across cases, filtered, sorted and paged", async () => {
      // Its own department names: the PostgreSQL database is shared by the tests of this file.
      const { runtime, setNow } = await fresh();
      const slow = await runtime.deploy(limitedReview('M-SLOW', '规划局', 10));
      const fast = await runtime.deploy(limitedReview('M-FAST', '规划局', 2));
      const other = await runtime.deploy(limitedReview('M-FIRE', '应急管理局', 1));
      await runtime.start(slow, { caseId: 'w-slow-2' });
      setNow(T0 + 60_000);
      await runtime.start(slow, { caseId: 'w-slow-1' });
      setNow(T0 + 120_000);
      await runtime.start(fast, { caseId: 'w-fast' });
      await runtime.start(other, { caseId: 'w-fire' });
      const ids = (items: readonly WorklistItem[]) => items.map((item) => item.caseId);

      const all = await runtime.worklist({ department: '规划局' });
      expect(all.total).toBe(3);
      // Most urgent first: the nearest deadline, then (same deadline) the oldest task.
      expect(ids(all.items)).toEqual(['w-fast', 'w-slow-2', 'w-slow-1']);
      expect(all.items[0]).toMatchObject({
        matterCode: 'M-FAST',
        light: 'green',
        task: { elementId: 'review' },
      });
      expect(all.items[0]?.task.dueAt).toBeGreaterThan(T0);

      const page2 = await runtime.worklist({ department: '规划局', limit: 2, offset: 2 });
      expect([ids(page2.items), page2.total]).toEqual([['w-slow-1'], 3]);
      expect((await runtime.worklist({ department: '规划局', offset: 10 })).total).toBe(3);
      expect(ids((await runtime.worklist({ department: '规划局', matterCode: 'M-SLOW' })).items)).toEqual([
        'w-slow-2',
        'w-slow-1',
      ]);
      const fastDue = all.items[0]?.task.dueAt ?? 0;
      expect(ids((await runtime.worklist({ department: '规划局', dueBefore: fastDue })).items)).toEqual([
        'w-fast',
      ]);
      expect((await runtime.worklist({ department: '规划局', light: 'red' })).total).toBe(0);
      expect((await runtime.worklist({ department: '规划局', light: ['green', 'red'] })).total).toBe(3);
      expect(ids((await runtime.worklist({ department: '规划局', sort: 'opened' })).items)).toEqual([
        'w-slow-2',
        'w-slow-1',
        'w-fast',
      ]);

      // 委派 puts a task on a person's list.
      const [slowTask] = await runtime.openTasks('w-slow-1');
      await runtime.execute('w-slow-1', {
        type: 'delegateTask',
        taskId: slowTask?.id ?? '',
        department: '规划局',
        to: '王科长',
      });
      const [fireTask] = await runtime.openTasks('w-fire');
      await runtime.execute('w-fire', {
        type: 'delegateTask',
        taskId: fireTask?.id ?? '',
        department: '应急管理局',
        to: '王科长',
      });
      const [fastTask] = await runtime.openTasks('w-fast');
      await runtime.execute('w-fast', {
        type: 'delegateTask',
        taskId: fastTask?.id ?? '',
        department: '规划局',
        to: '李工',
      });
      expect(ids((await runtime.worklist({ person: '王科长' })).items)).toEqual(['w-fire', 'w-slow-1']);
      expect(ids((await runtime.worklist({ person: '王科长', department: '规划局' })).items)).toEqual([
        'w-slow-1',
      ]);
      expect(ids((await runtime.worklist({ person: '李工' })).items)).toEqual(['w-fast']);
    });

    it("shows a task's own clock light on the worklist, and the case's only for a task without a clock", async () => {
      // Its own department: the PostgreSQL database is shared by the tests of this file.
      const { runtime } = await fresh();
      const warned = await runtime.deploy(limitedReview('L-WARN', '市场监管局', 10, 'warned'));
      const unclocked = await runtime.deploy(limitedReview('L-NONE', '市场监管局', 10, 'none'));
      await runtime.start(warned, { caseId: 'l-warned' });
      await runtime.start(unclocked, { caseId: 'l-none' });
      const { items } = await runtime.worklist({ department: '市场监管局' });
      // The warned task is yellow although its case is green, and comes first (most urgent).
      expect(items.map((i) => [i.caseId, i.light, i.lightFrom, i.caseLight])).toEqual([
        ['l-warned', 'yellow', 'task', 'green'],
        ['l-none', 'green', 'case', 'green'],
      ]);
      expect(items[1]?.task.dueAt).toBeNull();
      const yellow = await runtime.worklist({ department: '市场监管局', light: 'yellow' });
      expect(yellow.items.map((i) => i.caseId)).toEqual(['l-warned']);
      expect((await runtime.worklist({ department: '市场监管局', light: 'green' })).total).toBe(1);
    });

    it('refuses a worklist query without department or person, or with a bad page', async () => {
      const { runtime } = await fresh();
      await expect(runtime.worklist({})).rejects.toMatchObject({ code: 'BAD_WORKLIST_QUERY' });
      await expect(runtime.worklist({ department: 'x', limit: 0 })).rejects.toMatchObject({
        code: 'BAD_WORKLIST_QUERY',
      });
    });

    it('searches cases by status, matter, light, department and received date, newest first, paged', async () => {
      // Its own matter codes and departments: the PostgreSQL database is shared by this file's tests.
      const { runtime, setNow } = await fresh();
      const a = await runtime.deploy(limitedReview('S-A', '审批局', 5));
      const b = await runtime.deploy(limitedReview('S-B', '发改委', 5));
      const W = T0 + 7 * 86_400_000; // a week later: no other test of the file received cases then
      setNow(W);
      await runtime.start(a, { caseId: 's-1' });
      setNow(W + 60_000);
      await runtime.start(a, { caseId: 's-2' });
      setNow(W + 120_000);
      await runtime.start(b, { caseId: 's-3' });
      const [task] = await runtime.openTasks('s-1');
      await runtime.execute('s-1', { type: 'completeTask', taskId: task?.id ?? '', department: '审批局' });
      const ids = async (query: Parameters<CaseRuntime['searchCases']>[0]) =>
        (await runtime.searchCases(query)).items.map((c) => c.caseId);

      expect(await ids({ matterCode: 'S-A' })).toEqual(['s-2', 's-1']);
      expect(await ids({ matterCode: 'S-A', status: 'running' })).toEqual(['s-2']);
      expect(await ids({ matterCode: 'S-A', status: ['completed'] })).toEqual(['s-1']);
      expect(await ids({ department: '审批局' })).toEqual(['s-2']);
      expect(await ids({ department: '发改委', light: 'green' })).toEqual(['s-3']);
      expect(await ids({ department: '发改委', light: 'red' })).toEqual([]);
      expect(await ids({ receivedFrom: W + 60_000, receivedTo: W + 120_000 })).toEqual(['s-2']);
      const page = await runtime.searchCases({ receivedFrom: T0, limit: 1, offset: 1 });
      expect(page.total).toBe((await runtime.searchCases({ receivedFrom: T0 })).total);
      expect(page.items).toHaveLength(1);
      const [found] = (await runtime.searchCases({ matterCode: 'S-B' })).items;
      expect(found).toMatchObject({
        caseId: 's-3',
        status: 'running',
        receivedAt: W + 120_000,
        definitionHash: b,
      });
      await expect(runtime.searchCases({ limit: 501 })).rejects.toMatchObject({ code: 'BAD_CASE_QUERY' });
    });
  });
}
