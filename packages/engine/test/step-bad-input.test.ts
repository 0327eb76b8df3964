import { describe, expect, it } from 'vitest';
import type { CaseSnapshot } from '../src/model/snapshot.js';
import { step } from '../src/runtime/step.js';
import { compiled, end, model, scope, start, task } from './support/ir.js';

const bj = (iso: string): number => Date.parse(`${iso}+08:00`);
const def = compiled(
  model(
    scope(
      'p',
      [start('s'), task('a', 'L', { limit: { amount: 5, unit: 'workingDays' } }), end('e')],
      [
        ['s', 'a'],
        ['a', 'e'],
      ],
    ),
  ),
);

function running(): CaseSnapshot {
  const r = step(def, null, { type: 'start', caseId: 'c1' }, bj('2026-03-02T09:00'));
  if (!r.ok) throw r.error;
  return r.snapshot;
}

describe('step refuses what it cannot read instead of throwing', () => {
  it('`now` beyond the range of a date', () => {
    for (const now of [8.64e15 + 1, -8.64e15 - 1, Number.MAX_SAFE_INTEGER]) {
      const r = step(def, null, { type: 'start', caseId: 'c' }, now);
      expect(r.ok ? 'applied' : r.error.code).toBe('BAD_COMMAND');
      expect(r.ok ? '' : r.error.message).toContain('`now`');
    }
  });

  it('a snapshot without its statechart state (`machine: null`) is BAD_SNAPSHOT, naming the case', () => {
    const s = running();
    const corrupt = { ...s, machine: null } as unknown as CaseSnapshot;
    const r = step(def, corrupt, { type: 'withdraw' }, bj('2026-03-03T09:00'));
    expect(r.ok ? 'applied' : r.error.code).toBe('BAD_SNAPSHOT');
    expect(r.ok ? '' : r.error.caseId).toBe('c1');
  });

  it('other broken parts of a snapshot are BAD_SNAPSHOT too', () => {
    const s = running();
    const broken: unknown[] = [
      { ...s, machine: { value: s.machine.value, context: null } },
      { ...s, machine: { value: s.machine.value, context: { ...s.machine.context, tasks: 'x' } } },
      { ...s, machine: { value: null, context: s.machine.context } },
      { ...s, startedAt: 'yesterday' },
      { ...s, caseId: 7 },
      'not a snapshot',
      // One damaged entry inside a container (found by the malformed-input property in CI).
      { ...s, machine: { value: s.machine.value, context: { ...s.machine.context, timers: { '': null } } } },
      {
        ...s,
        machine: { value: s.machine.value, context: { ...s.machine.context, tasks: { t: { id: 't' } } } },
      },
      { ...s, machine: { value: s.machine.value, context: { ...s.machine.context, clocks: { case: 1 } } } },
      {
        ...s,
        machine: { value: s.machine.value, context: { ...s.machine.context, lights: { case: 'blue' } } },
      },
    ];
    for (const snapshot of broken) {
      const r = step(def, snapshot as CaseSnapshot, { type: 'withdraw' }, bj('2026-03-03T09:00'));
      expect(r.ok ? 'applied' : r.error.code, JSON.stringify(snapshot).slice(0, 80)).toBe('BAD_SNAPSHOT');
    }
  });
});
