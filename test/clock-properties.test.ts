// Properties of case and task clocks (issue 3): suspensions, extensions and light changes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCalendarRegistry } from '../packages/engine/src/calendar/index.js';
import {
  type ClockState,
  type ClockSuspension,
  clockDue,
  clockLight,
  clockStatus,
  nextLightChange,
} from '../packages/engine/src/clock/index.js';
import type { TimeLimit, WarningThreshold } from '../packages/engine/src/model/time.js';

const calendars = defaultCalendarRegistry();
const cn = calendars.getCalendar('CN');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const START = cn.startOfDay('2020-01-01');
const END = cn.startOfDay('2025-12-31');

const startedAt = fc.integer({ min: START, max: END });
const limit: fc.Arbitrary<TimeLimit> = fc.oneof(
  fc.record({ amount: fc.integer({ min: 0, max: 45 }), unit: fc.constant('workingDays' as const) }),
  fc.record({ amount: fc.integer({ min: 0, max: 60 }), unit: fc.constant('naturalDays' as const) }),
  fc.record({ amount: fc.integer({ min: 1, max: 500 }), unit: fc.constant('hours' as const) }),
);
const warning: fc.Arbitrary<WarningThreshold | null> = fc.oneof(
  fc.constant(null),
  fc.record({
    kind: fc.constant('absolute' as const),
    amount: fc.integer({ min: 0, max: 5 }),
    unit: fc.constant('workingDays' as const),
  }),
  fc.record({
    kind: fc.constant('absolute' as const),
    amount: fc.integer({ min: 0, max: 5 }),
    unit: fc.constant('naturalDays' as const),
  }),
  fc.record({
    kind: fc.constant('absolute' as const),
    amount: fc.integer({ min: 0, max: 72 }),
    unit: fc.constant('hours' as const),
  }),
  fc.record({ kind: fc.constant('share' as const), share: fc.double({ min: 0, max: 0.5, noNaN: true }) }),
);
/** A closed suspension within 60 days after the start, up to 10 days long. */
const suspension = (from: number): fc.Arbitrary<ClockSuspension> =>
  fc
    .record({ offset: fc.integer({ min: 0, max: 60 * DAY }), length: fc.integer({ min: 0, max: 10 * DAY }) })
    .map(({ offset, length }) => ({
      from: from + offset,
      to: from + offset + length,
      reason: '补正',
      actor: 'clerk',
    }));

const clockArb = fc.record({ startedAt, limit, warning }).chain(({ startedAt: at, limit: l, warning: w }) =>
  fc.array(suspension(at), { maxLength: 3 }).map(
    (suspensions): ClockState => ({
      limit: l,
      calendar: 'CN',
      startedAt: at,
      warning: w,
      suspensions,
      extensions: [],
      stoppedAt: null,
    }),
  ),
);

const withSuspensions = (clock: ClockState, suspensions: readonly ClockSuspension[]): ClockState => ({
  ...clock,
  suspensions,
});

describe('suspensions', () => {
  it('any suspension moves the due date later or leaves it equal', () => {
    fc.assert(
      fc.property(
        clockArb.chain((c) => fc.tuple(fc.constant(c), suspension(c.startedAt))),
        ([clock, extra]) => {
          const before = clockDue(clock, calendars);
          const after = clockDue(withSuspensions(clock, [...clock.suspensions, extra]), calendars);
          expect(after.dueAt).toBeGreaterThanOrEqual(before.dueAt);
          expect(after.dueDate >= before.dueDate).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a suspension wholly on non-working days changes nothing for working-day clocks', () => {
    const workingDayClock = clockArb.map((c) => ({
      ...c,
      limit: { amount: c.limit.amount % 46, unit: 'workingDays' as const },
    }));
    fc.assert(
      fc.property(
        workingDayClock,
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (clock, offset, a, b) => {
          // A run of non-working days after the acceptance day.
          let first = cn.addNaturalDays(cn.civilDateOf(clock.startedAt), offset);
          fc.pre(!cn.isWorkingDay(first));
          while (!cn.isWorkingDay(cn.addNaturalDays(first, -1))) first = cn.addNaturalDays(first, -1);
          let last = first;
          while (!cn.isWorkingDay(cn.addNaturalDays(last, 1))) last = cn.addNaturalDays(last, 1);
          const runStart = Math.max(cn.startOfDay(first), clock.startedAt);
          const runEnd = cn.endOfDay(last);
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const from = Math.floor(runStart + lo * (runEnd - runStart));
          const to = Math.floor(runStart + hi * (runEnd - runStart));
          const extra: ClockSuspension = { from, to, reason: '周末', actor: 'clerk' };
          expect(clockDue(withSuspensions(clock, [...clock.suspensions, extra]), calendars)).toEqual(
            clockDue(clock, calendars),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('splitting a suspension in two equal parts changes nothing', () => {
    fc.assert(
      fc.property(clockArb, (clock) => {
        const split = clock.suspensions.flatMap((s) => {
          const to = s.to ?? s.from;
          const middle = s.from + Math.floor((to - s.from) / 2);
          return [
            { ...s, to: middle },
            { ...s, from: middle, to },
          ];
        });
        expect(clockDue(withSuspensions(clock, split), calendars)).toEqual(clockDue(clock, calendars));
      }),
      { numRuns: 300 },
    );
  });

  it('an hours clock is pushed back by exactly the time suspended (non-overlapping)', () => {
    fc.assert(
      fc.property(
        startedAt,
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 0, max: 100 * HOUR }),
        fc.integer({ min: 0, max: 100 * HOUR }),
        (at, hours, offset, length) => {
          const clock: ClockState = {
            limit: { amount: hours, unit: 'hours' },
            calendar: 'CN',
            startedAt: at,
            warning: null,
            suspensions: [],
            extensions: [],
            stoppedAt: null,
          };
          const suspended = withSuspensions(clock, [
            { from: at + offset, to: at + offset + length, reason: 'x', actor: 'y' },
          ]);
          expect(clockDue(suspended, calendars).dueAt - clockDue(clock, calendars).dueAt).toBe(length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('an open suspension freezes the remaining working days of a working-day clock', () => {
    fc.assert(
      fc.property(
        clockArb,
        fc.integer({ min: 0, max: 30 * DAY }),
        fc.integer({ min: 0, max: 30 * DAY }),
        (clock, offset, wait) => {
          const base: ClockState = {
            ...clock,
            limit: { amount: clock.limit.amount % 46, unit: 'workingDays' },
            suspensions: [],
          };
          const from = clock.startedAt + offset;
          fc.pre(
            clockLight(base, calendars, from) !== 'red' &&
              cn.civilDateOf(from) !== cn.civilDateOf(clock.startedAt),
          );
          const open = withSuspensions(base, [{ from, to: null, reason: '特别程序', actor: 'x' }]);
          const early = clockStatus(open, calendars, from);
          const late = clockStatus(open, calendars, from + wait);
          expect(late.remainingWorkingDays).toBe(early.remainingWorkingDays);
          expect(late.light).toBe(early.light);
          expect(late.next).toBeNull();
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('extensions', () => {
  it('extending a working-day clock by k moves the due date k working days on', () => {
    fc.assert(
      fc.property(clockArb, fc.integer({ min: 1, max: 15 }), (clock, k) => {
        const plain: ClockState = {
          ...clock,
          limit: { amount: clock.limit.amount % 46, unit: 'workingDays' },
          suspensions: [],
        };
        const extended: ClockState = {
          ...plain,
          extensions: [{ days: k, approver: '局长', reason: '延期', at: plain.startedAt }],
        };
        expect(clockDue(extended, calendars).dueDate).toBe(
          cn.addWorkingDays(clockDue(plain, calendars).dueDate, k),
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe('light changes', () => {
  const LIGHTS = ['green', 'yellow', 'red'];

  it('nextLightChange gives the exact instant the light changes, and nothing changes before it', () => {
    fc.assert(
      fc.property(
        clockArb,
        fc.integer({ min: 0, max: 80 * DAY }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (clock, offset, fraction) => {
          const now = clock.startedAt + offset;
          const light = clockLight(clock, calendars, now);
          const next = nextLightChange(clock, calendars, now);
          if (next === null) {
            expect(light).toBe('red');
            return;
          }
          expect(next.at).toBeGreaterThan(now);
          expect(clockLight(clock, calendars, next.at)).toBe(next.light);
          expect(clockLight(clock, calendars, next.at - 1)).toBe(light);
          expect(clockLight(clock, calendars, Math.floor(now + fraction * (next.at - 1 - now)))).toBe(light);
          expect(LIGHTS.indexOf(next.light)).toBeGreaterThan(LIGHTS.indexOf(light));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a running clock only ever goes green → yellow → red', () => {
    fc.assert(
      fc.property(
        clockArb,
        fc.integer({ min: 0, max: 80 * DAY }),
        fc.integer({ min: 0, max: 80 * DAY }),
        (clock, a, b) => {
          const [early, late] = a <= b ? [a, b] : [b, a];
          const first = clockLight(clock, calendars, clock.startedAt + early);
          const second = clockLight(clock, calendars, clock.startedAt + late);
          expect(LIGHTS.indexOf(second)).toBeGreaterThanOrEqual(LIGHTS.indexOf(first));
        },
      ),
      { numRuns: 300 },
    );
  });
});
