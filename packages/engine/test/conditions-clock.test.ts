import { describe, expect, it } from 'vitest';
import { step } from '../src/runtime/step.js';
import { compiled, end, gateway, model, scope, start, task } from './support/ir.js';

const bj = (iso: string): number => Date.parse(`${iso}+08:00`);

/** A gateway that branches on the date: replaying the case must take the same branch any day. */
function dated(condition: string) {
  return compiled(
    model(
      scope(
        'p',
        [start('s'), gateway('g', 'exclusive'), task('early', 'L'), task('late', 'L'), end('e1'), end('e2')],
        [
          ['s', 'g'],
          ['g', 'early', condition],
          ['g', 'late'],
          ['early', 'e1'],
          ['late', 'e2'],
        ],
        { g: 'late' },
      ),
    ),
  );
}

const openedAt = (definition: ReturnType<typeof dated>, at: number): string[] => {
  const r = step(definition, null, { type: 'start', caseId: 'c' }, at);
  if (!r.ok) throw r.error;
  return r.openTasks.map((t) => t.elementId);
};

describe('now() and today() in conditions are the command instant, not the wall clock', () => {
  it('today() is the civil date (Beijing) of the command', () => {
    const def = dated('today() < date("2020-06-01")');
    expect(openedAt(def, bj('2020-05-31T23:30'))).toEqual(['early']);
    expect(openedAt(def, bj('2020-06-01T00:30'))).toEqual(['late']);
  });

  it('now() is the instant of the command', () => {
    const def = dated('now() < date and time("2020-06-01T12:00:00@Asia/Shanghai")');
    expect(openedAt(def, bj('2020-06-01T11:59'))).toEqual(['early']);
    expect(openedAt(def, bj('2020-06-01T12:01'))).toEqual(['late']);
  });
});
