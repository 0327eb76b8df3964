import { describe, expect, it } from 'vitest';
import type { Variables } from '../src/model/json.js';
import type { CaseSnapshot } from '../src/model/snapshot.js';
import { step } from '../src/runtime/step.js';
import type { Command } from '../src/runtime/types.js';
import { compiled, end, model, scope, start, task } from './support/ir.js';

const bj = (iso: string): number => Date.parse(`${iso}+08:00`);
const def = compiled(
  model(
    scope(
      'p',
      [start('s'), task('a', 'L'), end('e')],
      [
        ['s', 'a'],
        ['a', 'e'],
      ],
    ),
  ),
);

/** JSON.parse keeps `__proto__` as an own key, as a command arriving over HTTP would have it. */
const vars = (json: string): Variables => JSON.parse(json) as Variables;

function running(): CaseSnapshot {
  const r = step(def, null, { type: 'start', caseId: 'c1' }, bj('2026-03-02T09:00'));
  if (!r.ok) throw r.error;
  return r.snapshot;
}

describe('variables named __proto__, constructor or prototype are refused on every command that carries variables', () => {
  const later = bj('2026-03-02T10:00');
  const carriers = (variables: Variables): [string, CaseSnapshot | null, Command][] => {
    const s = running();
    const taskId = Object.keys(s.machine.context.tasks)[0] ?? '';
    return [
      ['start', null, { type: 'start', caseId: 'c2', variables }],
      ['completeTask', s, { type: 'completeTask', taskId, department: 'L', variables }],
      ['message', s, { type: 'message', name: 'm', variables }],
      ['completeService', s, { type: 'completeService', taskId, variables }],
      ['supply', s, { type: 'supply', variables }],
      ['resubmit', s, { type: 'resubmit', variables }],
    ];
  };

  for (const [name, field] of [
    ['__proto__', '`variables.__proto__`'],
    ['constructor', '`variables.constructor`'],
    ['prototype', '`variables.prototype`'],
  ] as const) {
    it(`${name} at the top level`, () => {
      for (const [type, snapshot, command] of carriers(vars(`{"ok": 1, "${name}": {"polluted": true}}`))) {
        const r = step(def, snapshot, command, later);
        expect(r.ok, type).toBe(false);
        if (r.ok) continue;
        expect(r.error.code, type).toBe('BAD_COMMAND');
        expect(r.error.message, type).toContain(field);
      }
    });
  }

  it('nested inside a variable, naming the path', () => {
    for (const [type, snapshot, command] of carriers(vars('{"applicant": {"__proto__": {"x": 1}}}'))) {
      const r = step(def, snapshot, command, later);
      expect(r.ok ? 'applied' : r.error.message, type).toContain('`variables.applicant.__proto__`');
    }
  });

  it('ordinary names are kept as they are (the check is on names, not values)', () => {
    const r = step(
      def,
      null,
      { type: 'start', caseId: 'c3', variables: { proto: '__proto__', ctor: 1 } },
      later,
    );
    expect(r.ok && r.snapshot.machine.context.vars).toEqual({ proto: '__proto__', ctor: 1 });
  });
});
