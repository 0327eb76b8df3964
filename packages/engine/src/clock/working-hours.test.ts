import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCalendarRegistry } from '../calendar/index.js';
import { TimeLimitError } from './errors.js';
import { clockStatus, nextLightChange, resumeClock, startClock, suspendClock } from './index.js';
import { parseOfficeHours, workedMillis } from './working-hours.js';

const calendars = defaultCalendarRegistry();
const cn = calendars.getCalendar('CN');
const bj = (iso: string): number => Date.parse(`${iso}+08:00`);
const HOUR = 3_600_000;

function hoursClock(startedAt: number, amount: number, warning: number | null = null) {
  return startClock(
    {
      limit: { amount, unit: 'workingHours' },
      calendar: 'CN',
      startedAt,
      warning: warning === null ? null : { kind: 'absolute', amount: warning, unit: 'workingHours' },
    },
    calendars,
  );
}

describe('working hours (工作时) on 9:00–12:00, 13:30–17:30', () => {
  it('count only office hours on working days', () => {
    // Mon 10:00 + 8 h: 10–12 (2), 13:30–17:30 (4), Tue 9:00–11:00 (2).
    expect(
      clockStatus(hoursClock(bj('2026-03-02T10:00:00'), 8), calendars, bj('2026-03-02T10:00:00')).dueAt,
    ).toBe(bj('2026-03-03T11:00:00'));
    // Accepted at lunch: the clock starts at 13:30.
    expect(
      clockStatus(hoursClock(bj('2026-03-02T12:30:00'), 1), calendars, bj('2026-03-02T12:30:00')).dueAt,
    ).toBe(bj('2026-03-02T14:30:00'));
    // Fri 04-03 16:00 + 4 h: 1.5 h on Friday, then 清明 (04-04..04-06), 2.5 h on Tue 04-07.
    expect(
      clockStatus(hoursClock(bj('2026-04-03T16:00:00'), 4), calendars, bj('2026-04-03T16:00:00')).dueAt,
    ).toBe(bj('2026-04-07T11:30:00'));
    // Accepted on a Saturday that is a make-up working day (2026-02-14): it counts.
    expect(
      clockStatus(hoursClock(bj('2026-02-14T09:00:00'), 3), calendars, bj('2026-02-14T09:00:00')).dueAt,
    ).toBe(bj('2026-02-14T12:00:00'));
  });

  it('turn yellow when the working time left reaches the threshold', () => {
    const clock = hoursClock(bj('2026-03-02T10:00:00'), 8, 2);
    // 6 of 8 working hours are done at Monday 17:30, so yellow from then (the evening is not office time).
    expect(nextLightChange(clock, calendars, bj('2026-03-02T10:00:00'))).toEqual({
      light: 'yellow',
      at: bj('2026-03-02T17:30:00'),
    });
  });

  it('stop while the clock is suspended', () => {
    let clock = hoursClock(bj('2026-03-02T10:00:00'), 8);
    clock = suspendClock(clock, bj('2026-03-02T14:00:00'), '补正', '窗口');
    clock = resumeClock(clock, bj('2026-03-03T10:00:00'));
    // Worked 10–12 and 13:30–14:00 (2.5 h); again from Tue 10:00: 10–12 (2), 13:30–17:00 (3.5).
    expect(clockStatus(clock, calendars, bj('2026-03-03T10:00:00')).dueAt).toBe(bj('2026-03-03T17:00:00'));
  });

  it('parse office hours and refuse nonsense', () => {
    expect(parseOfficeHours('08:30-12:00, 14:00-18:00')).toEqual([
      { from: '08:30', to: '12:00' },
      { from: '14:00', to: '18:00' },
    ]);
    expect(() => parseOfficeHours('12:00-09:00')).toThrow(TimeLimitError);
    expect(() => parseOfficeHours('09:00-12:00,11:00-13:00')).toThrow(TimeLimitError);
    expect(() => parseOfficeHours('9-12')).toThrow(TimeLimitError);
  });

  const instant = fc.integer({ min: bj('2020-01-01T00:00:00'), max: bj('2026-10-01T00:00:00') });

  it('the due instant has exactly the limit of working time behind it, and grows with the limit (property)', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 30 }),
        (start, quarters, more) => {
          const amount = quarters / 4;
          const due = clockStatus(hoursClock(start, amount), calendars, start).dueAt;
          const longer = clockStatus(hoursClock(start, amount + more / 4), calendars, start).dueAt;
          expect(
            workedMillis(
              hoursClock(start, amount),
              cn,
              due,
              parseOfficeHours('09:00-12:00,13:30-17:30'),
              false,
            ),
          ).toBe(Math.round(amount * HOUR));
          expect(longer).toBeGreaterThan(due);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a suspension never brings the due instant earlier (property)', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 1, max: 40 }),
        fc.nat(5 * 86_400_000),
        fc.nat(5 * 86_400_000),
        (start, h, offset, length) => {
          const plain = hoursClock(start, h);
          const from = start + offset;
          const suspended = resumeClock(suspendClock(plain, from, 'x', 'y'), from + length);
          const now = from + length;
          expect(clockStatus(suspended, calendars, now).dueAt).toBeGreaterThanOrEqual(
            clockStatus(plain, calendars, now).dueAt,
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
