import { describe, expect, it } from 'vitest';
import type { CaseSnapshot } from '../src/model/snapshot.js';
import { CommandError } from '../src/runtime/command-error.js';
import { MemoryRuntime } from '../src/runtime/memory-runtime.js';
import { step } from '../src/runtime/step.js';
import type { Command } from '../src/runtime/types.js';
import { compiled, end, model, scope, start, task } from './support/ir.js';

const bj = (iso: string): number => Date.parse(`${iso}+08:00`);
const def = compiled(
  model(
    scope(
      'p',
      [start('s'), task('a', 'L', { limit: { amount: 5, unit: 'workingDays' } }), task('b', 'L'), end('e')],
      [
        ['s', 'a'],
        ['a', 'b'],
        ['b', 'e'],
      ],
    ),
  ),
);

function send(snapshot: CaseSnapshot | null, command: Command, at: number): CaseSnapshot {
  const r = step(def, snapshot, command, at);
  if (!r.ok) throw r.error;
  return JSON.parse(JSON.stringify(r.snapshot)) as CaseSnapshot;
}
const taskOf = (s: CaseSnapshot): string => Object.keys(s.machine.context.tasks)[0] ?? '';

describe('a command stamped before the case last changed is refused', () => {
  it('a task "completed" nine days before the case started is refused, naming the case', () => {
    const s = send(null, { type: 'start', caseId: 'SGXK-9' }, bj('2026-03-10T09:00'));
    const r = step(
      def,
      s,
      { type: 'completeTask', taskId: taskOf(s), department: 'L' },
      bj('2026-03-01T09:00'),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('BEFORE_LAST_EVENT');
    expect(r.error.caseId).toBe('SGXK-9');
    expect(r.error.message).toContain('2026-03-10T09:00');
  });

  it('the bound is the last applied command, not only the start', () => {
    let s = send(null, { type: 'start', caseId: 'c' }, bj('2026-03-02T09:00'));
    s = send(s, { type: 'completeTask', taskId: taskOf(s), department: 'L' }, bj('2026-03-05T09:00'));
    const r = step(
      def,
      s,
      { type: 'completeTask', taskId: taskOf(s), department: 'L' },
      bj('2026-03-04T09:00'),
    );
    expect(r.ok ? 'applied' : r.error.code).toBe('BEFORE_LAST_EVENT');
  });

  it('the same instant as the last command is accepted (two commands in one millisecond)', () => {
    const at = bj('2026-03-02T09:00');
    const s = send(null, { type: 'start', caseId: 'c' }, at);
    expect(step(def, s, { type: 'completeTask', taskId: taskOf(s), department: 'L' }, at).ok).toBe(true);
  });
});

describe('in a runtime', () => {
  it('MemoryRuntime refuses a command whose clock went back, and keeps the case as it was', async () => {
    let now = bj('2026-03-10T09:00');
    const runtime = new MemoryRuntime({ clock: () => now });
    runtime.deploy(def);
    await runtime.start(def.hash, { caseId: 'm1' });
    const before = runtime.snapshot('m1');
    now = bj('2026-03-01T09:00');
    const taskId = (await runtime.openTasks('m1'))[0]?.id ?? '';
    const refused = await runtime
      .execute('m1', { type: 'completeTask', taskId, department: 'L' })
      .catch((e) => e);
    expect(refused).toBeInstanceOf(CommandError);
    expect((refused as CommandError).code).toBe('BEFORE_LAST_EVENT');
    expect(runtime.snapshot('m1')).toEqual(before);
  });

  it("a timer overtaken by a later command fires at that command's instant, not before it", async () => {
    let now = bj('2026-03-02T09:00');
    const runtime = new MemoryRuntime({ clock: () => now });
    runtime.deploy(def);
    await runtime.start(def.hash, { caseId: 'm2' });
    const due = runtime.pendingTimers()[0]?.timer.dueAt ?? 0;
    expect(due).toBeGreaterThan(now);
    // The clock passes the task's red-light instant, and a command comes before the timers run.
    now = due + 3_600_000;
    const copy = { type: 'copyTo', departments: ['档案馆'], actor: { id: '张', kind: 'staff' } } as const;
    await runtime.execute('m2', copy);
    expect(await runtime.runDueTimers(now)).toBe(1);
    const light = runtime.events('m2').find((e) => e.type === 'light.changed');
    expect(light?.at).toBe(now);
  });
});
