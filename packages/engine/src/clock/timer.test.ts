import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CalendarHorizonError, UnknownCalendarError } from '../calendar/errors.js';
import { defaultCalendarRegistry } from '../calendar/registry.js';
import type { TimerDefinition } from '../model/process.js';
import { BadTimerError } from './errors.js';
import { checkTimerDefinition, nextTimerCycleAt, parseTimerCycle, timerDueAt } from './timer.js';

const calendars = defaultCalendarRegistry();
const cn = calendars.getCalendar('CN');
const HOUR = 3_600_000;
const at = (date: string, hour = 0) => cn.startOfDay(date) + hour * HOUR;
const duration = (value: string, calendar: string | null = null): TimerDefinition => ({
  type: 'duration',
  value,
  calendar,
});

describe('BPMN timers', () => {
  // Friday 13 Feb 2026, 10:00 Beijing; Saturday 14 Feb is a make-up working day, then 春节.
  const friday = at('2026-02-13', 10);

  it('adds plain ISO durations in Beijing time without a calendar', () => {
    expect(timerDueAt(duration('P3D'), friday, calendars)).toBe(at('2026-02-16', 10));
    expect(timerDueAt(duration('PT2H'), friday, calendars)).toBe(friday + 2 * HOUR);
    expect(timerDueAt(duration('P1DT12H'), friday, calendars)).toBe(at('2026-02-14', 22));
    expect(timerDueAt(duration('P1M'), friday, calendars)).toBe(at('2026-03-13', 10));
  });

  it('counts the days of a duration as working days when the timer names a calendar', () => {
    expect(timerDueAt(duration('P1D', 'CN'), friday, calendars)).toBe(at('2026-02-14', 10));
    expect(timerDueAt(duration('P3D', 'CN'), friday, calendars)).toBe(at('2026-02-25', 10));
    // Day part first (working days), then the time part, which passes on working days only.
    expect(timerDueAt(duration('P1DT12H', 'CN'), friday, calendars)).toBe(at('2026-02-14', 22));
    expect(timerDueAt(duration('P2DT16H', 'CN'), friday, calendars)).toBe(at('2026-02-25', 2));
    // Wed 09-23 10:00 → Thu 09-24 10:00, + 20 h: 14 h are left of Thursday, then 中秋 (09-25 to
    // 09-27) does not count: Mon 09-28 06:00, not Fri 09-25 06:00.
    expect(timerDueAt(duration('P1DT20H', 'CN'), at('2026-09-23', 10), calendars)).toBe(at('2026-09-28', 6));
    // No day part: elapsed time, whatever the calendar.
    expect(timerDueAt(duration('PT20H', 'CN'), friday, calendars)).toBe(at('2026-02-14', 6));
  });

  it('reads dates in the zone when they carry no offset', () => {
    expect(
      timerDueAt({ type: 'date', value: '2026-03-01T09:00:00', calendar: null }, friday, calendars),
    ).toBe(at('2026-03-01', 9));
    expect(
      timerDueAt({ type: 'date', value: '2026-03-01T09:00:00Z', calendar: null }, friday, calendars),
    ).toBe(Date.UTC(2026, 2, 1, 9));
  });

  it('fires a cycle first after one duration, or at its start, then every duration', () => {
    const hourly: TimerDefinition = { type: 'cycle', value: 'R3/PT1H', calendar: null };
    expect(timerDueAt(hourly, friday, calendars)).toBe(friday + HOUR);
    expect(nextTimerCycleAt(hourly, friday + HOUR, calendars)).toBe(friday + 2 * HOUR);
    expect(parseTimerCycle(hourly)).toEqual({ repetitions: 3, start: null, duration: 'PT1H' });
    const daily: TimerDefinition = { type: 'cycle', value: 'R/2026-03-02T09:00:00/P1D', calendar: 'CN' };
    expect(timerDueAt(daily, friday, calendars)).toBe(at('2026-03-02', 9));
    expect(nextTimerCycleAt(daily, at('2026-03-06', 9), calendars)).toBe(at('2026-03-09', 9));
    expect(parseTimerCycle(daily).repetitions).toBeNull();
  });

  it('refuses bad values with BAD_TIMER', () => {
    const bad: TimerDefinition[] = [
      duration('3 days'),
      duration('P'),
      duration('-P1D'),
      duration('P1W', 'CN'),
      duration('P1.5D', 'CN'),
      { type: 'date', value: 'tomorrow', calendar: null },
      { type: 'cycle', value: 'PT1H', calendar: null },
      { type: 'cycle', value: 'R0/PT1H', calendar: null },
      { type: 'cycle', value: 'R2/soon/PT1H', calendar: null },
    ];
    for (const timer of bad) {
      expect(() => timerDueAt(timer, friday, calendars), timer.value).toThrow(BadTimerError);
      expect(() => checkTimerDefinition(timer), timer.value).toThrow(BadTimerError);
      expect(new BadTimerError('x').code).toBe('BAD_TIMER');
    }
    expect(() => nextTimerCycleAt(duration('P1D'), friday, calendars)).toThrow(BadTimerError);
  });

  it('knows calendars and the horizon', () => {
    expect(() => timerDueAt(duration('P1D', 'XX'), friday, calendars)).toThrow(UnknownCalendarError);
    expect(() => checkTimerDefinition(duration('P1D', 'XX'), calendars)).toThrow(UnknownCalendarError);
    const late = at('2026-12-30', 9);
    expect(() => timerDueAt(duration('P5D', 'CN'), late, calendars)).toThrow(CalendarHorizonError);
    expect(timerDueAt(duration('P5D', 'CN'), late, calendars, { provisional: true })).toEqual({
      value: at('2027-01-06', 9),
      provisional: true,
    });
  });
});

describe('a working-day timer with a time part', () => {
  it('never falls on a rest day, and never before its day part', () => {
    const from = fc.integer({ min: at('2026-01-01'), max: at('2026-12-20') });
    fc.assert(
      fc.property(
        from,
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 60 }),
        (armed, days, hours) => {
          const due = timerDueAt(duration(`P${days}DT${hours}H`, 'CN'), armed, calendars);
          const dayPart = timerDueAt(duration(`P${days}D`, 'CN'), armed, calendars);
          expect(cn.isWorkingDay(cn.civilDateOf(due)), `${cn.civilDateOf(due)}`).toBe(true);
          expect(due).toBeGreaterThanOrEqual(dayPart + (hours === 0 ? 0 : 1));
          // Exactly `hours` of working-day time lie between the day part and the due instant.
          let counted = 0;
          for (let t = dayPart; t < due; t += HOUR / 4)
            if (cn.isWorkingDay(cn.civilDateOf(t))) counted += HOUR / 4;
          expect(counted).toBe(hours * HOUR);
        },
      ),
      { numRuns: 300 },
    );
  });
});
