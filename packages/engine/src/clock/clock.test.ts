import { describe, expect, it } from 'vitest';
import { CalendarHorizonError, UnknownCalendarError } from '../calendar/errors.js';
import { defaultCalendarRegistry } from '../calendar/registry.js';
import type { TimeLimit, WarningThreshold } from '../model/time.js';
import { extendClock, resumeClock, startClock, stopClock, suspendClock } from './commands.js';
import { clockDue } from './due.js';
import { ClockStateError, ExtensionCapError, TimeLimitError } from './errors.js';
import { clockLight, clockStatus, nextLightChange, remainingWorkingDays } from './light.js';

const calendars = defaultCalendarRegistry();
const cn = calendars.getCalendar('CN');
const HOUR = 3_600_000;
/** Beijing wall-clock instant. */
const at = (date: string, hour = 0, minute = 0) => cn.startOfDay(date) + hour * HOUR + minute * 60_000;

function clock(
  limit: TimeLimit = { amount: 20, unit: 'workingDays' },
  warning: WarningThreshold | null = null,
) {
  return startClock({ limit, calendar: 'CN', startedAt: at('2026-02-09', 10), warning }, calendars);
}

describe('due dates', () => {
  it('counts N working days after the acceptance day and ends at the end of the last one', () => {
    expect(clockDue(clock(), calendars)).toEqual({
      dueDate: '2026-03-13',
      dueAt: at('2026-03-14'),
      provisional: false,
      suspended: false,
    });
    const friday = startClock({
      limit: { amount: 1, unit: 'workingDays' },
      calendar: 'CN',
      startedAt: at('2026-02-13', 16),
      warning: null,
    });
    expect(clockDue(friday, calendars).dueDate).toBe('2026-02-14');
  });

  it('counts natural days and hours', () => {
    expect(clockDue(clock({ amount: 10, unit: 'naturalDays' }), calendars).dueDate).toBe('2026-02-19');
    const hours = clockDue(clock({ amount: 48, unit: 'hours' }), calendars);
    expect(hours.dueAt).toBe(at('2026-02-11', 10));
    expect(hours.dueDate).toBe('2026-02-11');
  });

  it('a zero limit (即办件) is due at the end of the acceptance day', () => {
    expect(clockDue(clock({ amount: 0, unit: 'workingDays' }), calendars).dueAt).toBe(at('2026-02-10'));
  });

  it('does not count any day a suspension touches, from its first to its last day', () => {
    // Suspended Monday 09:00 to Thursday 09:00: Mon, Tue, Wed and Thu are not counted.
    let c = suspendClock(clock(), at('2026-03-02', 9), '补正材料', 'clerk-1', '补正');
    expect(clockDue(c, calendars)).toMatchObject({ dueDate: '2026-03-16', suspended: true });
    expect(clockDue(c, calendars, { asOf: at('2026-03-05', 12) }).dueDate).toBe('2026-03-19');
    c = resumeClock(c, at('2026-03-05', 9));
    expect(clockDue(c, calendars)).toMatchObject({ dueDate: '2026-03-19', suspended: false });
    expect(c.suspensions[0]).toEqual({
      from: at('2026-03-02', 9),
      to: at('2026-03-05', 9),
      reason: '补正材料',
      actor: 'clerk-1',
      kind: '补正',
    });
  });

  it('a suspension ending exactly at midnight does not touch the next day', () => {
    const c = resumeClock(suspendClock(clock(), at('2026-03-02', 9), 'x', 'a'), at('2026-03-03'));
    expect(clockDue(c, calendars).dueDate).toBe('2026-03-16');
  });

  it('extensions add working days', () => {
    const c = extendClock(clock(), 10, 'head', '情况复杂', at('2026-03-10'), 10);
    expect(clockDue(c, calendars).dueDate).toBe(cn.addWorkingDays('2026-03-13', 10));
    expect(() => extendClock(c, 1, 'head', 'more', at('2026-03-11'), 10)).toThrow(ExtensionCapError);
    const hours = extendClock(clock({ amount: 8, unit: 'hours' }), 1, 'head', 'x', at('2026-02-09', 11));
    expect(clockDue(hours, calendars).dueAt).toBe(at('2026-02-10', 18));
  });

  it('refuses a due date past the data unless provisional', () => {
    const late = startClock({
      limit: { amount: 45, unit: 'workingDays' },
      calendar: 'CN',
      startedAt: at('2026-11-23', 9),
      warning: null,
    });
    expect(() => clockDue(late, calendars)).toThrow(CalendarHorizonError);
    expect(clockDue(late, calendars, { provisional: true })).toMatchObject({ provisional: true });
    expect(clockDue(clock(), calendars, { provisional: true }).provisional).toBe(false);
  });
});

describe('lights', () => {
  const oneDay: WarningThreshold = { kind: 'absolute', amount: 1, unit: 'workingDays' };

  it('turns yellow at the start of the working day before the due date and red at dueAt', () => {
    const c = clock(undefined, oneDay);
    expect(clockLight(c, calendars, at('2026-03-11', 23, 59))).toBe('green');
    expect(nextLightChange(c, calendars, at('2026-02-09', 10))).toEqual({
      light: 'yellow',
      at: at('2026-03-12'),
    });
    expect(clockLight(c, calendars, at('2026-03-12'))).toBe('yellow');
    expect(nextLightChange(c, calendars, at('2026-03-12'))).toEqual({ light: 'red', at: at('2026-03-14') });
    expect(clockLight(c, calendars, at('2026-03-14') - 1)).toBe('yellow');
    expect(clockLight(c, calendars, at('2026-03-14'))).toBe('red');
    expect(nextLightChange(c, calendars, at('2026-03-14'))).toBeNull();
  });

  it('supports share, natural-day and hour thresholds', () => {
    const share = clock(undefined, { kind: 'share', share: 0.2 });
    expect(clockStatus(share, calendars, at('2026-02-10')).yellowAt).toBe(
      cn.startOfDay(cn.addWorkingDays('2026-03-13', -4)),
    );
    const natural = clock(undefined, { kind: 'absolute', amount: 2, unit: 'naturalDays' });
    expect(clockStatus(natural, calendars, at('2026-02-10')).yellowAt).toBe(at('2026-03-11'));
    const hours = clock(undefined, { kind: 'absolute', amount: 48, unit: 'hours' });
    expect(clockStatus(hours, calendars, at('2026-02-10')).yellowAt).toBe(at('2026-03-12'));
  });

  it('counts remaining working days, 0 on the due date, negative when overdue', () => {
    const c = clock();
    expect(remainingWorkingDays(c, calendars, at('2026-02-09', 10))).toBe(20);
    expect(remainingWorkingDays(c, calendars, at('2026-03-13', 15))).toBe(0);
    expect(remainingWorkingDays(c, calendars, at('2026-03-17', 15))).toBe(-2);
  });

  it('schedules nothing while suspended or stopped, and a stopped clock keeps its light', () => {
    const c = clock(undefined, oneDay);
    const suspended = suspendClock(c, at('2026-03-12', 9), 'x', 'a');
    expect(nextLightChange(suspended, calendars, at('2026-03-12', 10))).toBeNull();
    // The day a suspension touches stops counting, so suspending on the yellow day gives that day
    // back: the light is green again and stays so however long the suspension lasts.
    expect(clockLight(c, calendars, at('2026-03-12', 9))).toBe('yellow');
    expect(clockLight(suspended, calendars, at('2026-03-12', 9))).toBe('green');
    expect(clockLight(suspended, calendars, at('2026-03-20'))).toBe('green');
    expect(remainingWorkingDays(suspended, calendars, at('2026-03-20'))).toBe(
      remainingWorkingDays(suspended, calendars, at('2026-03-12', 10)),
    );
    const resumed = resumeClock(suspended, at('2026-03-12', 11));
    // 12 March no longer counts: due moves to 16 March, yellow from 13 March.
    expect(nextLightChange(resumed, calendars, at('2026-03-12', 11))).toEqual({
      light: 'yellow',
      at: at('2026-03-13'),
    });
    const stopped = stopClock(c, at('2026-03-10'));
    expect(clockLight(stopped, calendars, at('2026-04-30'))).toBe('green');
    expect(nextLightChange(stopped, calendars, at('2026-03-10'))).toBeNull();
  });
});

describe('clock commands', () => {
  it('refuse what does not apply', () => {
    const c = clock();
    expect(() => resumeClock(c, at('2026-02-10'))).toThrow(ClockStateError);
    const s = suspendClock(c, at('2026-02-10'), 'x', 'a');
    expect(() => suspendClock(s, at('2026-02-11'), 'x', 'a')).toThrow(ClockStateError);
    expect(() => resumeClock(s, at('2026-02-09', 12))).toThrow(ClockStateError);
    expect(() => suspendClock(c, at('2026-02-08'), 'x', 'a')).toThrow(ClockStateError);
    const stopped = stopClock(s, at('2026-02-12'));
    expect(stopped.suspensions[0]?.to).toBe(at('2026-02-12'));
    expect(() => stopClock(stopped, at('2026-02-13'))).toThrow(ClockStateError);
    expect(() => extendClock(stopped, 1, 'a', 'b', at('2026-02-13'))).toThrow(ClockStateError);
    expect(() => extendClock(c, 0, 'a', 'b', at('2026-02-13'))).toThrow(ClockStateError);
  });

  it('refuse limits they cannot count', () => {
    const start =
      (limit: TimeLimit, warning: WarningThreshold | null = null) =>
      () =>
        startClock({ limit, calendar: 'CN', startedAt: 0, warning });
    expect(start({ amount: -8, unit: 'workingHours' })).toThrow(TimeLimitError);
    expect(start({ amount: -1, unit: 'workingDays' })).toThrow(TimeLimitError);
    expect(start({ amount: 1.5, unit: 'workingDays' })).toThrow(TimeLimitError);
    expect(start({ amount: 5, unit: 'workingDays' }, { kind: 'share', share: 2 })).toThrow(TimeLimitError);
    expect(() =>
      startClock({ limit: { amount: 1, unit: 'workingDays' }, calendar: 'XX', startedAt: 0 }, calendars),
    ).toThrow(UnknownCalendarError);
  });

  it('keep the state plain JSON', () => {
    const c = extendClock(
      suspendClock(clock(undefined, { kind: 'share', share: 0.25 }), at('2026-02-10'), 'x', 'a'),
      5,
      'h',
      'r',
      at('2026-02-11'),
    );
    expect(JSON.parse(JSON.stringify(c))).toEqual(c);
  });
});
