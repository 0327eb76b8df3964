import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCalendarRegistry } from '../src/calendar/registry.js';
import { clockStatus } from '../src/clock/light.js';
import type { CaseEvent } from '../src/model/events.js';
import type { CaseSnapshot } from '../src/model/snapshot.js';
import { step } from '../src/runtime/step.js';
import type { Command } from '../src/runtime/types.js';
import {
  boundary,
  compiled,
  end,
  gateway,
  model,
  scope,
  start,
  task,
  timer,
  timerCatch,
} from './support/ir.js';

/**
 * accept (1 working day, inheriting the matter's 1-working-day warning: yellow from the start) →
 * fork( 会签 over coDepartments, silent 1 working day → deemed agreed ‖ lead review, 2 working days →
 * escalated ) → join → wait 1 working day and 14 hours of working-day time → decide: working-day timers on tasks and between them,
 * warnings and clocks everywhere, for random operations to stop, move and cancel.
 */
const wd = (amount: number) => ({ amount, unit: 'workingDays' }) as const;
const def = compiled(
  model(
    scope(
      'p',
      [
        start('s'),
        task('accept', '中心', { role: 'lead', limit: wd(1) }),
        gateway('fork', 'parallel'),
        task('co', '', {
          limit: wd(2),
          multiInstance: {
            departments: [],
            collection: 'coDepartments',
            completionCondition: 'nrOfRejected > 0',
          },
          boundaries: ['deemed'],
        }),
        boundary('deemed', 'co', timer('P1D', 'CN'), true),
        task('lead', '住建局', { role: 'lead', limit: wd(3), boundaries: ['escalate'] }),
        boundary('escalate', 'lead', timer('P2D', 'CN'), true),
        gateway('join', 'parallel'),
        timerCatch('wait', 'P1DT14H', 'CN'),
        task('decide', '住建局', { role: 'lead', limit: wd(1) }),
        end('e'),
      ],
      [
        ['s', 'accept'],
        ['accept', 'fork'],
        ['fork', 'co'],
        ['fork', 'lead'],
        ['co', 'join'],
        ['deemed', 'join'],
        ['lead', 'join'],
        ['escalate', 'join'],
        ['join', 'wait'],
        ['wait', 'decide'],
        ['decide', 'e'],
      ],
    ),
    {
      code: 'P',
      name: 'p',
      kind: 'promised',
      legalLimit: null,
      promisedLimit: { amount: 6, unit: 'workingDays' },
      warning: { kind: 'absolute', amount: 1, unit: 'workingDays' },
      extensionCap: null,
      calendar: null,
    },
  ),
);
const WORKING_DAY_TIMERS = new Set(['deemed', 'escalate', 'wait']);
const calendars = defaultCalendarRegistry();
const cn = calendars.getCalendar('CN');
// Thu before 中秋 and 国庆 2026 (rest days 09-25 to 09-27 and 10-01 to 10-07, make-up Sat 10-10).
const T0 = Date.parse('2026-09-17T10:00:00+08:00');

const KINDS = [
  'complete',
  'complete',
  'special',
  'endSpecial',
  'supplement',
  'supply',
  'suspend',
  'resume',
  'extend',
  'rejectApplicant',
  'resubmit',
  'recall',
  'jump',
  'wait',
  'wait',
] as const;
type Choice = { kind: (typeof KINDS)[number]; pick: number; advance: number };
const choice: fc.Arbitrary<Choice> = fc.record({
  kind: fc.constantFrom(...KINDS),
  pick: fc.nat(),
  // Up to 4 days, so runs cross weekends and the holidays.
  advance: fc.integer({ min: 60_000, max: 4 * 86_400_000 }),
});

function commandFor(s: CaseSnapshot, c: Choice): Command | null {
  const tasks = Object.values(s.machine.context.tasks).sort((a, b) => a.id.localeCompare(b.id));
  const t = tasks[c.pick % Math.max(1, tasks.length)];
  const on = { taskId: t?.id ?? 'none', department: t?.department ?? 'none' };
  const officer = { id: 'o', kind: 'officer' } as const;
  switch (c.kind) {
    case 'complete':
      return {
        type: 'completeTask',
        ...on,
        outcome: c.pick % 4 === 0 ? 'reject' : 'approve',
        actor: { id: 'p' },
      };
    case 'special':
      return { type: 'startSpecialProcedure', ...on, kind: '检测', reason: 'r' };
    case 'endSpecial':
      return { type: 'endSpecialProcedure', ...on };
    case 'supplement':
      return { type: 'requestSupplement', ...on, reason: 'r' };
    case 'supply':
      return { type: 'supply' };
    case 'suspend':
      return { type: 'suspendCase', actor: officer, reason: 'r' };
    case 'resume':
      return { type: 'resumeCase', actor: officer };
    case 'extend':
      return {
        type: 'extend',
        days: 1 + (c.pick % 2),
        reason: 'r',
        actor: officer,
        ...(t && c.pick % 3 ? { taskId: t.id } : {}),
      };
    case 'rejectApplicant':
      return { type: 'reject', ...on, reason: 'r', to: 'applicant' };
    case 'resubmit':
      return { type: 'resubmit' };
    case 'recall': {
      const [id] = Object.keys(s.machine.context.recall ?? {}).sort();
      return id
        ? {
            type: 'recall',
            taskId: id,
            department: c.pick % 2 ? '住建局' : '中心',
            reason: 'r',
            actor: { id: 'p' },
          }
        : null;
    }
    case 'jump':
      return {
        type: 'jump',
        elementId: c.pick % 2 ? 'lead' : 'decide',
        reason: 'r',
        actor: { id: 'a', kind: 'admin' },
      };
    case 'wait':
      return null;
  }
}

const LIGHT_ORDER = ['green', 'yellow', 'red'];
/** Events after which a clock may be back in an earlier light: the days a stop touched do not count. */
const MOVES = new Set<CaseEvent['type']>([
  'case.suspended',
  'case.resumed',
  'task.specialProcedureStarted',
  'task.specialProcedureEnded',
  'supplement.requested',
  'supplement.supplied',
  'supplement.cancelled',
  'case.extended',
  'task.extended',
  'task.rejected',
  'case.resubmitted',
  'task.recalled',
]);

/** Checks one applied step against the snapshot before it. */
function checkStep(
  before: CaseSnapshot,
  after: CaseSnapshot,
  events: readonly CaseEvent[],
  at: number,
): void {
  const ctx = after.machine.context;
  // No working-day timer is set to fall due on a rest day.
  for (const t of Object.values(ctx.timers)) {
    if (t.purpose !== 'bpmn' || !WORKING_DAY_TIMERS.has(t.elementId ?? '')) continue;
    expect(cn.isWorkingDay(cn.civilDateOf(t.dueAt)), `${t.id} due on ${cn.civilDateOf(t.dueAt)}`).toBe(true);
  }
  // Each clock's lights are announced once each, in order, from its first.
  const byClock = new Map<string, CaseEvent[]>();
  for (const e of events) {
    if (e.type !== 'light.changed') continue;
    const key = e.data?.clock === 'case' ? 'case' : (e.taskId ?? '?');
    byClock.set(key, [...(byClock.get(key) ?? []), e]);
  }
  const keys = new Set([...byClock.keys(), ...Object.keys(ctx.lights)]);
  for (const key of keys) {
    const start = before.machine.context.lights[key] ?? null;
    let light: string | null = start;
    for (const e of byClock.get(key) ?? []) {
      expect(e.data?.from, `${key}: announced from ${String(e.data?.from)} while ${String(light)}`).toBe(
        light,
      );
      expect(e.data?.to).not.toBe(light);
      // Only what moves the clock (days a stop touched given back, an extension) takes a light back.
      // A case clock also stops when its last running department clock stops or ends (a task
      // completed while the others are in 特别程序), without an event of its own for the stop.
      const was = before.machine.context.clocks[key];
      const stopChanged =
        JSON.stringify([was?.stoppedAt, was?.suspensions]) !==
        JSON.stringify([ctx.clocks[key]?.stoppedAt, ctx.clocks[key]?.suspensions]);
      if (light !== null && !stopChanged && !events.some((x) => MOVES.has(x.type)))
        expect(LIGHT_ORDER.indexOf(String(e.data?.to))).toBeGreaterThan(LIGHT_ORDER.indexOf(light));
      light = String(e.data?.to);
      expect(e.data?.overdue).toBe(light === 'red');
    }
    const now = ctx.lights[key];
    if (now !== undefined)
      expect(now, `${key} is ${now}, last announced ${String(light)}`).toBe(light ?? 'green');
    // And the light is the clock's own at this instant (its timers fired on time).
    const clock = ctx.clocks[key];
    // (Unless its light timer is due at this very instant and simply not fired yet.)
    const pending = Object.values(ctx.timers).some((t) => t.id.startsWith(`light:${key}@`) && t.dueAt <= at);
    if (clock && clock.stoppedAt === null && now !== undefined && !pending)
      expect(now, `${key} light`).toBe(clockStatus(clock, calendars, at).light);
  }
  // A pending 补正 never ends without an event.
  const was = before.machine.context.supplement;
  if (was && (ctx.supplement?.at ?? null) !== was.at) {
    expect(
      events.some((e) => e.type === 'supplement.supplied' || e.type === 'supplement.cancelled'),
      `补正 of ${was.taskId} ended silently`,
    ).toBe(true);
  }
}

describe('random operations on working-day timers, warnings and suspensions', () => {
  it('no working-day timer falls on a rest day; every light is announced once, in order; no 补正 ends silently', () => {
    let fired = 0;
    fc.assert(
      fc.property(fc.array(choice, { minLength: 1, maxLength: 30 }), (choices) => {
        const started = step(
          def,
          null,
          { type: 'start', caseId: 'c', coDepartments: ['税务局', '公安局'] },
          T0,
        );
        if (!started.ok) throw started.error;
        let s = started.snapshot;
        checkStep(
          { ...s, machine: { ...s.machine, context: { ...s.machine.context, lights: {} } } },
          s,
          started.events,
          T0,
        );
        let at = T0;
        const apply = (command: Command, when: number): boolean => {
          const r = step(def, s, command, when);
          if (!r.ok) return false;
          const next = JSON.parse(JSON.stringify(r.snapshot)) as CaseSnapshot;
          checkStep(s, next, r.events, when);
          for (const e of r.events)
            if (e.type === 'timer.fired' && WORKING_DAY_TIMERS.has(e.elementId ?? '')) {
              fired += 1;
              expect(
                cn.isWorkingDay(cn.civilDateOf(e.at)),
                `${e.elementId} fired on ${cn.civilDateOf(e.at)}`,
              ).toBe(true);
            }
          s = next;
          return true;
        };
        for (const c of choices) {
          if (!['running', 'suspended', 'returned'].includes(s.status)) break;
          const target = at + c.advance;
          // A faithful timer worker: everything due before the next command fires at its instant.
          for (;;) {
            const due = Object.values(s.machine.context.timers)
              .filter((t) => t.dueAt <= target)
              .sort((a, b) => a.dueAt - b.dueAt || a.id.localeCompare(b.id))[0];
            if (!due || !['running', 'suspended', 'returned'].includes(s.status)) break;
            at = Math.max(at, due.dueAt);
            expect(apply({ type: 'fireTimer', timerId: due.id }, at), `timer ${due.id} refused`).toBe(true);
          }
          at = target;
          const command = commandFor(s, c);
          if (command && ['running', 'suspended', 'returned'].includes(s.status)) apply(command, at);
        }
      }),
      {
        numRuns: Number(process.env.TONGBAN_FUZZ_RUNS ?? 300),
        // To replay a failure: TONGBAN_FUZZ_SEED and TONGBAN_FUZZ_PATH from its report.
        ...(process.env.TONGBAN_FUZZ_SEED
          ? { seed: Number(process.env.TONGBAN_FUZZ_SEED), path: process.env.TONGBAN_FUZZ_PATH }
          : {}),
      },
    );
    // The runs must reach the timers, not only the operations around them.
    if (!process.env.TONGBAN_FUZZ_SEED) expect(fired).toBeGreaterThan(50);
  });
});
