import { describe, expect, it } from 'vitest';
import type { CaseSnapshot } from '../src/runtime/snapshot.js';
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
