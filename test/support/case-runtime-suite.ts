// The CaseRuntime contract: what every runtime (MemoryRuntime, DurableRuntime on PGlite and on
// PostgreSQL) does the same way.
import type { CaseRuntime } from '@tongban/engine';
import { afterEach, describe, expect, it } from 'vitest';
import { permitVersion } from './case-runtime-models.js';

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
  });
}
