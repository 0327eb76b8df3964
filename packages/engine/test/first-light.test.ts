import { describe, expect, it } from 'vitest';
import type { MatterInfo } from '../src/model/process.js';
import type { CaseSnapshot } from '../src/model/snapshot.js';
import { type StepApplied, step } from '../src/runtime/step.js';
import type { Command } from '../src/runtime/types.js';
import { supervisionPayload } from '../src/supervision/payload.js';
import { compiled, end, model, scope, start, task } from './support/ir.js';

/** Beijing wall time as an instant. */
const bj = (iso: string): number => Date.parse(`${iso}+08:00`);

/** 1 working day with the matter's 1-working-day warning: the task is yellow the moment it opens. */
const matter: MatterInfo = {
  code: 'T-FIRST',
  name: '当日预警事项',
  kind: 'promised',
  legalLimit: { amount: 1, unit: 'workingDays' },
  promisedLimit: { amount: 1, unit: 'workingDays' },
  warning: { kind: 'absolute', amount: 1, unit: 'workingDays' },
  extensionCap: 10,
  calendar: null,
};

const def = compiled(
  model(
    scope(
      'p',
      [start('s'), task('accept', '市场监管局', { role: 'lead', limit: matter.promisedLimit }), end('e')],
      [
        ['s', 'accept'],
        ['accept', 'e'],
      ],
    ),
    matter,
  ),
);

function run(snapshot: CaseSnapshot | null, command: Command, at: number): StepApplied {
  const r = step(def, snapshot, command, at);
  if (!r.ok) throw r.error;
  return r;
}

describe('a clock that opens inside its warning window', () => {
  // Mon 2026-03-02: due at the end of Tue 03-03, yellow from the start of Mon (already begun).
  const opened = run(null, { type: 'start', caseId: 'y1' }, bj('2026-03-02T10:00:00'));

  it('announces its first light, yellow, for the task (inheriting the matter warning) and the case', () => {
    const lights = opened.events.filter((e) => e.type === 'light.changed');
    expect(lights.map((e) => [e.data?.clock, e.data?.from, e.data?.to])).toEqual([
      ['case', null, 'yellow'],
      ['task', null, 'yellow'],
    ]);
    expect(opened.snapshot.light).toBe('yellow');
  });

  it('then announces red from yellow, once', () => {
    const red = opened.timers.set.filter((t) => t.purpose === 'light');
    expect(red.every((t) => t.dueAt === bj('2026-03-04T00:00:00'))).toBe(true);
    let snap = opened.snapshot;
    const seen: unknown[] = [];
    for (const timer of red) {
      const fired = run(snap, { type: 'fireTimer', timerId: timer.id }, timer.dueAt);
      snap = fired.snapshot;
      seen.push(
        ...fired.events.filter((e) => e.type === 'light.changed').map((e) => [e.data?.from, e.data?.to]),
      );
    }
    expect(seen).toEqual([
      ['yellow', 'red'],
      ['yellow', 'red'],
    ]);
  });

  it('leaves a TIME-YELLOW supervision record', () => {
    const payloads = opened.events.map((e) => supervisionPayload(e, { definition: def }));
    const yellow = payloads.filter((p) => p?.ruleId === 'TIME-YELLOW');
    expect(yellow.map((p) => [p?.clock, p?.department, p?.light, p?.previousLight])).toEqual([
      ['case', '市场监管局', 'yellow', null],
      ['task', '市场监管局', 'yellow', null],
    ]);
  });
});
