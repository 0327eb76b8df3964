import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CompiledDefinition, loadDefinition } from '../src/compile/index.js';
import type { CaseEvent } from '../src/model/events.js';
import type { CaseSnapshot } from '../src/model/snapshot.js';
import { step } from '../src/runtime/step.js';
import type { Command } from '../src/runtime/types.js';
import {
  boundary,
  compiled,
  end,
  gateway,
  messageCatch,
  model,
  scope,
  start,
  task,
  timer,
} from './support/ir.js';

const T0 = Date.parse('2026-03-02T09:00:00+08:00');

/**
 * accept → fork(lead review ‖ co-handling 会签 over coDepartments ‖ (fire check with a 3-working-day
 * boundary timer → 补正 wait)) → join → decide → (退回 to accept | end).
 */
function nestedModel(): CompiledDefinition {
  return compiled(
    model(
      scope(
        'p',
        [
          start('s'),
          task('accept', '政务服务中心', { role: 'lead' }),
          gateway('fork', 'parallel'),
          task('leadReview', '住建局', { role: 'lead', limit: { amount: 5, unit: 'workingDays' } }),
          task('co', '', {
            multiInstance: {
              departments: [],
              collection: 'coDepartments',
              completionCondition: 'nrOfRejected > 0',
            },
            limit: { amount: 3, unit: 'workingDays' },
          }),
          task('fire', '消防救援支队', { boundaries: ['slow'] }),
          boundary('slow', 'fire', timer('P3D', 'CN')),
          messageCatch('supply', '补正材料'),
          gateway('inner', 'parallel'),
          task('survey', '测绘队'),
          task('heritage', '文物局'),
          gateway('innerJoin', 'parallel'),
          gateway('join', 'parallel'),
          task('decide', '住建局', { role: 'lead' }),
          gateway('back', 'exclusive'),
          end('e'),
        ],
        [
          ['s', 'accept'],
          ['accept', 'fork'],
          ['fork', 'leadReview'],
          ['fork', 'co'],
          ['fork', 'fire'],
          ['fork', 'inner'],
          ['inner', 'survey'],
          ['inner', 'heritage'],
          ['survey', 'innerJoin'],
          ['heritage', 'innerJoin'],
          ['innerJoin', 'join'],
          ['fire', 'join'],
          ['slow', 'supply'],
          ['supply', 'join'],
          ['leadReview', 'join'],
          ['co', 'join'],
          ['join', 'decide'],
          ['decide', 'back'],
          ['back', 'accept', 'outcome = "reject"'],
          ['back', 'e'],
        ],
        { back: 'e' },
      ),
      {
        code: 'X',
        name: 'x',
        kind: 'promised',
        legalLimit: null,
        promisedLimit: { amount: 20, unit: 'workingDays' },
        warning: { kind: 'share', share: 0.2 },
        extensionCap: null,
        calendar: null,
      },
    ),
  );
}

const def = nestedModel();

/** One random choice, resolved against the case as it stands (so every generated run is valid input). */
const choice = fc.record({
  kind: fc.constantFrom('complete', 'complete', 'complete', 'timer', 'message', 'junk', 'withdraw'),
  pick: fc.nat(),
  outcome: fc.constantFrom('approve', 'approve', 'reject'),
  persist: fc.boolean(),
  reload: fc.boolean(),
  advance: fc.integer({ min: 1, max: 3 * 86_400_000 }),
});

function commandFor(snapshot: CaseSnapshot, c: ChoiceValue): Command {
  const tasks = Object.values(snapshot.machine.context.tasks).sort((a, b) => a.id.localeCompare(b.id));
  const timers = Object.values(snapshot.machine.context.timers).sort((a, b) => a.id.localeCompare(b.id));
  switch (c.kind) {
    case 'complete': {
      const t = tasks[c.pick % Math.max(tasks.length, 1)];
      return t
        ? { type: 'completeTask', taskId: t.id, department: t.department ?? '', outcome: c.outcome }
        : { type: 'withdraw' };
    }
    case 'timer': {
      const t = timers[c.pick % Math.max(timers.length, 1)];
      return t ? { type: 'fireTimer', timerId: t.id } : { type: 'message', name: '补正材料' };
    }
    case 'message':
      return { type: 'message', name: '补正材料' };
    case 'junk':
      return { type: 'completeTask', taskId: `nope#${c.pick}`, department: 'x' };
    default:
      return c.pick % 7 === 0 ? { type: 'withdraw', reason: 'test' } : { type: 'message', name: 'other' };
  }
}

interface ChoiceValue {
  kind: string;
  pick: number;
  outcome: string;
  persist: boolean;
  reload: boolean;
  advance: number;
}

function run(
  choices: ChoiceValue[],
  persisting: boolean,
): { events: CaseEvent[]; final: string; refusals: string[] } {
  let definition = def;
  const started = step(
    definition,
    null,
    { type: 'start', caseId: 'p1', coDepartments: ['规划局', '人防办', '消防'] },
    T0,
  );
  if (!started.ok) throw started.error;
  let snapshot: CaseSnapshot = started.snapshot;
  const events: CaseEvent[] = [...started.events];
  const refusals: string[] = [];
  let at = T0;
  for (const c of choices) {
    if (snapshot.status !== 'running') break;
    at += c.advance;
    const r = step(definition, snapshot, commandFor(snapshot, c), at);
    if (!r.ok) {
      refusals.push(r.error.code);
      continue;
    }
    events.push(...r.events);
    snapshot = r.snapshot;
    if (persisting && c.persist) snapshot = JSON.parse(JSON.stringify(snapshot)) as CaseSnapshot;
    if (persisting && c.reload) definition = loadDefinition(JSON.parse(JSON.stringify(definition.document)));
    checkInvariants(snapshot);
  }
  return { events, final: JSON.stringify(snapshot), refusals };
}

/** No dangling or duplicated tasks: one open task per element and department, each in an active state. */
function checkInvariants(snapshot: CaseSnapshot): void {
  const keys = Object.values(snapshot.machine.context.tasks).map((t) => `${t.elementId}@${t.department}`);
  expect(new Set(keys).size).toBe(keys.length);
  const active = JSON.stringify(snapshot.machine.value);
  for (const t of Object.values(snapshot.machine.context.tasks)) expect(active).toContain(t.elementId);
  if (snapshot.status !== 'running') expect(keys).toEqual([]);
}

describe('snapshots persist and reload without changing the outcome', () => {
  it('random command sequences give the same events and final state with or without persisting', () => {
    fc.assert(
      fc.property(
        fc.array(choice as fc.Arbitrary<ChoiceValue>, { minLength: 1, maxLength: 40 }),
        (choices) => {
          const inMemory = run(choices, false);
          const persisted = run(choices, true);
          expect(persisted.events).toEqual(inMemory.events);
          expect(persisted.final).toBe(inMemory.final);
          expect(persisted.refusals).toEqual(inMemory.refusals);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a persisted snapshot is small', () => {
    const started = step(
      def,
      null,
      { type: 'start', caseId: 'p1', coDepartments: ['规划局', '人防办', '消防'] },
      T0,
    );
    if (!started.ok) throw started.error;
    const accepted = step(
      def,
      started.snapshot,
      { type: 'completeTask', taskId: started.openTasks[0]!.id, department: '政务服务中心' },
      T0 + 1000,
    );
    if (!accepted.ok) throw accepted.error;
    // Seven open tasks, their clocks and timers, in a few kilobytes.
    expect(JSON.stringify(accepted.snapshot).length).toBeLessThan(8_000);
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe('step never mutates its inputs', () => {
  it('runs random command sequences on deeply frozen snapshots', () => {
    fc.assert(
      fc.property(
        fc.array(choice as fc.Arbitrary<ChoiceValue>, { minLength: 1, maxLength: 30 }),
        (choices) => {
          const started = step(
            def,
            null,
            { type: 'start', caseId: 'f1', coDepartments: ['规划局', '人防办'] },
            T0,
          );
          if (!started.ok) throw started.error;
          let snapshot = deepFreeze(started.snapshot);
          let at = T0;
          for (const c of choices) {
            if (snapshot.status !== 'running') break;
            at += c.advance;
            const before = JSON.stringify(snapshot);
            const r = step(def, snapshot, commandFor(snapshot, c), at);
            expect(JSON.stringify(snapshot)).toBe(before);
            if (r.ok) snapshot = deepFreeze(r.snapshot);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
