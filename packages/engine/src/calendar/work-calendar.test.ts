import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isCivilDate } from './civil-date.js';
import { CalendarHorizonError, CalendarInputError, CalendarOverlayError } from './errors.js';
import { getCalendar, mainlandCalendar } from './registry.js';
import { WorkCalendar } from './work-calendar.js';

const cn = getCalendar('CN');

/** Every date from `from` to `to` inclusive. */
function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = cn.addNaturalDays(d, 1)) out.push(d);
  return out;
}

describe('mainland calendar data', () => {
  it('covers 2004 through 2026 and no further (2027 is not announced in the data yet)', () => {
    expect(cn.firstYear).toBe(2004);
    expect(cn.lastYear).toBe(2026);
    expect(cn.zone).toBe('Asia/Shanghai');
  });

  it('matches the 2026 State Council holiday notice (docs/time-rules.md)', () => {
    const off = [
      ...days('2026-01-01', '2026-01-03'),
      ...days('2026-02-15', '2026-02-23'),
      ...days('2026-04-04', '2026-04-06'),
      ...days('2026-05-01', '2026-05-05'),
      ...days('2026-06-19', '2026-06-21'),
      ...days('2026-09-25', '2026-09-27'),
      ...days('2026-10-01', '2026-10-07'),
    ];
    const makeUp = ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'];
    for (const date of days('2026-01-01', '2026-12-31')) {
      const weekday = DateTime.fromISO(date, { zone: 'UTC' }).weekday <= 5;
      const expected = makeUp.includes(date) || (weekday && !off.includes(date));
      expect(cn.isWorkingDay(date), date).toBe(expected);
    }
  });

  it('gives the worked examples', () => {
    expect(cn.addWorkingDays('2026-02-09', 20)).toBe('2026-03-13');
    expect(cn.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(cn.addWorkingDays('2025-09-30', 3)).toBe('2025-10-11');
    expect(cn.workingDaysBetween('2026-02-09', '2026-03-13')).toBe(20);
  });
});

describe('working-day arithmetic', () => {
  it('adds zero as the date itself, even on a holiday', () => {
    expect(cn.addWorkingDays('2026-02-16', 0)).toBe('2026-02-16');
  });

  it('counts back with a negative n and finds neighbouring working days', () => {
    expect(cn.addWorkingDays('2026-03-13', -20)).toBe('2026-02-09');
    expect(cn.nextWorkingDay('2026-02-14')).toBe('2026-02-24');
    expect(cn.previousWorkingDay('2026-02-24')).toBe('2026-02-14');
    expect(cn.previousWorkingDay('2026-01-05')).toBe('2026-01-04');
  });

  it('counts between with the first day excluded and the last included, negative backwards', () => {
    expect(cn.workingDaysBetween('2026-02-13', '2026-02-14')).toBe(1);
    expect(cn.workingDaysBetween('2026-02-14', '2026-02-23')).toBe(0);
    expect(cn.workingDaysBetween('2026-03-13', '2026-02-09')).toBe(-20);
    expect(cn.workingDaysBetween('2026-03-13', '2026-03-13')).toBe(0);
  });

  it('parses exactly the real dates on its fast path: one wrong character anywhere is refused', () => {
    const chars = '0123456789-/:O ';
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8000 }), fc.nat(9), fc.nat(chars.length - 1), (offset, at, c) => {
        const valid = cn.addNaturalDays('2004-01-01', offset);
        const date = valid.slice(0, at) + chars[c] + valid.slice(at + 1);
        if (isCivilDate(date) && date >= '2004-01-01' && date <= '2026-12-31') {
          expect(cn.addWorkingDays(date, 0)).toBe(date);
          expect(cn.workingDaysBetween(date, date)).toBe(0);
          expect(typeof cn.isWorkingDay(date)).toBe('boolean');
        } else if (isCivilDate(date)) {
          expect(() => cn.isWorkingDay(date)).toThrow(CalendarHorizonError);
        } else {
          expect(() => cn.isWorkingDay(date)).toThrow(CalendarInputError);
          expect(() => cn.addWorkingDays(date, 5)).toThrow(CalendarInputError);
          expect(() => cn.workingDaysBetween(date, valid)).toThrow(CalendarInputError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses bad dates and fractional counts', () => {
    expect(() => cn.addWorkingDays('2026-02-30', 1)).toThrow(CalendarInputError);
    expect(() => cn.addWorkingDays('2026-02-09', 1.5)).toThrow(CalendarInputError);
    expect(() => cn.addWorkingDays('2026-02-09', Number.NaN)).toThrow(CalendarInputError);
    expect(() => cn.addWorkingDays('2026-02-29', 1)).toThrow(CalendarInputError);
    expect(() => cn.workingDaysBetween('x', '2026-02-09')).toThrow(CalendarInputError);
  });
});

describe('horizon', () => {
  it('throws a typed error when an answer needs a year past the data', () => {
    const error = (() => {
      try {
        cn.addWorkingDays('2026-12-20', 20);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CalendarHorizonError);
    expect(error).toMatchObject({
      code: 'CALENDAR_HORIZON',
      calendar: 'CN',
      lastYear: 2026,
      date: '2027-01-01',
    });
    expect(() => cn.isWorkingDay('2027-01-04')).toThrow(CalendarHorizonError);
    expect(() => cn.workingDaysBetween('2026-12-01', '2027-01-04')).toThrow(CalendarHorizonError);
    expect(() => cn.addWorkingDays('2004-01-05', -5)).toThrow(CalendarHorizonError);
  });

  it('answers on weekdays, marked provisional, when the caller opts in', () => {
    expect(cn.addWorkingDays('2026-12-20', 20, { provisional: true })).toEqual({
      value: '2027-01-15',
      provisional: true,
    });
    expect(cn.addWorkingDays('2026-02-09', 20, { provisional: true })).toEqual({
      value: '2026-03-13',
      provisional: false,
    });
    expect(cn.isWorkingDay('2027-01-01', { provisional: true })).toEqual({ value: true, provisional: true });
    expect(cn.workingDaysBetween('2026-12-31', '2027-01-08', { provisional: true })).toEqual({
      value: 6,
      provisional: true,
    });
  });

  it('does not need holiday data for natural days', () => {
    expect(cn.addNaturalDays('2026-12-20', 20)).toBe('2027-01-09');
  });
});

describe('zone', () => {
  it('maps instants to Beijing civil dates and days to Beijing midnights', () => {
    expect(cn.civilDateOf(Date.UTC(2026, 1, 8, 16, 0))).toBe('2026-02-09');
    expect(cn.civilDateOf(Date.UTC(2026, 1, 8, 15, 59, 59, 999))).toBe('2026-02-08');
    expect(cn.startOfDay('2026-02-09')).toBe(Date.UTC(2026, 1, 8, 16));
    expect(cn.endOfDay('2026-02-09')).toBe(Date.UTC(2026, 1, 9, 16));
    expect(cn.addHours(Date.UTC(2026, 1, 8, 16), 48)).toBe(Date.UTC(2026, 1, 10, 16));
  });

  it('agrees with luxon on civil days and day boundaries in any zone', () => {
    const zones = [
      'Asia/Shanghai',
      'America/New_York',
      'Pacific/Kiritimati',
      'Europe/London',
      'Australia/Lord_Howe',
    ];
    const calendars = zones.map((zone) => mainlandCalendar().derive({ name: zone, zone }));
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1995, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.nat(zones.length - 1),
        (t, z) => {
          const calendar = calendars[z]!;
          const date = calendar.civilDateOf(t);
          expect(date).toBe(DateTime.fromMillis(t, { zone: calendar.zone }).toISODate());
          expect(calendar.startOfDay(date)).toBeLessThanOrEqual(t);
          expect(calendar.endOfDay(date)).toBeGreaterThan(t);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('follows daylight saving time in other zones (a 23-hour day)', () => {
    const ny = mainlandCalendar().derive({ name: 'NY', zone: 'America/New_York' });
    expect(ny.endOfDay('2026-03-08') - ny.startOfDay('2026-03-08')).toBe(23 * 3_600_000);
    expect(ny.civilDateOf(Date.UTC(2026, 2, 8, 4, 59, 59, 999))).toBe('2026-03-07');
    expect(ny.civilDateOf(Date.UTC(2026, 2, 8, 5))).toBe('2026-03-08');
  });
});

describe('building and deriving', () => {
  const data = {
    firstYear: 2030,
    lastYear: 2030,
    holidays: { '2030-01-01': '元旦' },
    workdays: { '2030-01-05': '补班' },
  };

  it('builds from raw data', () => {
    const calendar = new WorkCalendar({ name: 'T', data });
    expect(calendar.isWorkingDay('2030-01-01')).toBe(false);
    expect(calendar.isWorkingDay('2030-01-05')).toBe(true);
    expect(calendar.dayName('2030-01-01')).toBe('元旦');
    expect(calendar.addWorkingDays('2029-12-31', 1, { provisional: true })).toEqual({
      value: '2030-01-02',
      provisional: true,
    });
  });

  it('refuses inconsistent data', () => {
    expect(() => new WorkCalendar({ name: 'T', data: { ...data, holidays: { '2031-01-01': 'x' } } })).toThrow(
      CalendarOverlayError,
    );
    expect(() => new WorkCalendar({ name: 'T', data: { ...data, workdays: { '2030-01-01': 'x' } } })).toThrow(
      /both/,
    );
    expect(() => new WorkCalendar({ name: 'T', zone: 'Mars/Olympus', data })).toThrow(CalendarOverlayError);
  });

  it('derives local holidays, make-up days and a longer horizon', () => {
    const local = cn.derive({
      name: 'LOCAL',
      holidays: { '2026-03-02': '地方节日' },
      workdays: { '2026-03-07': '地方补班' },
      lastYear: 2027,
    });
    expect(local.isWorkingDay('2026-03-02')).toBe(false);
    expect(local.isWorkingDay('2026-03-07')).toBe(true);
    expect(local.lastYear).toBe(2027);
    expect(local.isWorkingDay('2027-01-04')).toBe(true);
    expect(local.base).toBe('CN');
    expect(cn.isWorkingDay('2026-03-02')).toBe(true);
  });
});
