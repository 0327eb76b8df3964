// Properties of working-day arithmetic (issue 3), checked against an independent slow oracle: a
// day-by-day walk that reads the raw holiday data and uses Date.UTC for weekdays, sharing no code
// with the calendar's prefix tables.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getCalendar, type WorkCalendar } from '../packages/engine/src/calendar/index.js';

const cn = getCalendar('CN');
const gx = getCalendar('CN-GX');

const MS_PER_DAY = 86_400_000;

function oracle(calendar: WorkCalendar) {
  const { holidays, workdays } = calendar.data;
  const toDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const toMs = (date: string) => Date.parse(`${date}T00:00:00Z`);
  const works = (date: string) => {
    if (Object.hasOwn(holidays, date)) return false;
    if (Object.hasOwn(workdays, date)) return true;
    const day = new Date(toMs(date)).getUTCDay();
    return day !== 0 && day !== 6;
  };
  return {
    works,
    add(date: string, n: number): string {
      let ms = toMs(date);
      for (let left = n; left > 0; ) {
        ms += MS_PER_DAY;
        if (works(toDate(ms))) left--;
      }
      return toDate(ms);
    },
    between(a: string, b: string): number {
      let count = 0;
      for (let ms = toMs(a) + MS_PER_DAY; ms <= toMs(b); ms += MS_PER_DAY) if (works(toDate(ms))) count++;
      return count;
    },
  };
}

/** Civil dates from `from` to `to`. */
function dateIn(from: string, to: string): fc.Arbitrary<string> {
  const lo = Date.parse(`${from}T00:00:00Z`) / MS_PER_DAY;
  const hi = Date.parse(`${to}T00:00:00Z`) / MS_PER_DAY;
  return fc.integer({ min: lo, max: hi }).map((d) => new Date(d * MS_PER_DAY).toISOString().slice(0, 10));
}

// Late enough in 2026 that 60 working days still end inside the data.
const date2020to2026 = dateIn('2020-01-01', '2026-08-31');
const days = fc.integer({ min: 0, max: 60 });

describe.each([
  ['CN', cn],
  ['CN-GX', gx],
])('calendar %s', (_, calendar) => {
  const slow = oracle(calendar);

  it('add(d, n) is a working day for n ≥ 1 and between(d, add(d, n)) = n', () => {
    fc.assert(
      fc.property(date2020to2026, fc.integer({ min: 1, max: 60 }), (d, n) => {
        const end = calendar.addWorkingDays(d, n);
        expect(calendar.isWorkingDay(end)).toBe(true);
        expect(calendar.workingDaysBetween(d, end)).toBe(n);
      }),
      { numRuns: 500 },
    );
  });

  it('add(d, n) is strictly increasing in n', () => {
    fc.assert(
      fc.property(date2020to2026, days, days, (d, m, n) => {
        fc.pre(m !== n);
        const [lo, hi] = m < n ? [m, n] : [n, m];
        expect(calendar.addWorkingDays(d, lo) < calendar.addWorkingDays(d, hi)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('between is antisymmetric and additive', () => {
    fc.assert(
      fc.property(date2020to2026, date2020to2026, date2020to2026, (a, b, c) => {
        expect(calendar.workingDaysBetween(a, b) + calendar.workingDaysBetween(b, a)).toBe(0);
        expect(calendar.workingDaysBetween(a, c)).toBe(
          calendar.workingDaysBetween(a, b) + calendar.workingDaysBetween(b, c),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('counting back undoes counting forward from a working day', () => {
    fc.assert(
      fc.property(date2020to2026, fc.integer({ min: 1, max: 60 }), (d, n) => {
        fc.pre(calendar.isWorkingDay(d));
        expect(calendar.addWorkingDays(calendar.addWorkingDays(d, n), -n)).toBe(d);
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with the slow day-by-day oracle across 2020–2026', () => {
    fc.assert(
      fc.property(date2020to2026, days, date2020to2026, (d, n, b) => {
        expect(calendar.isWorkingDay(d)).toBe(slow.works(d));
        expect(calendar.addWorkingDays(d, n)).toBe(slow.add(d, n));
        const [lo, hi] = d <= b ? [d, b] : [b, d];
        expect(calendar.workingDaysBetween(lo, hi)).toBe(slow.between(lo, hi));
        expect(calendar.nextWorkingDay(d)).toBe(slow.add(d, 1));
      }),
      { numRuns: 150 },
    );
  });
});

describe('the whole data span', () => {
  it('agrees with the oracle on every day 2004–2026', () => {
    const slow = oracle(cn);
    let count = 0;
    for (let d = '2004-01-01'; d <= '2026-12-31'; d = cn.addNaturalDays(d, 1)) {
      expect(cn.isWorkingDay(d)).toBe(slow.works(d));
      count++;
    }
    expect(count).toBe(8401);
  });
});

describe('past the horizon', () => {
  it('never answers silently, and provisional answers count weekdays', () => {
    const lateDate = dateIn('2026-11-01', '2026-12-31');
    fc.assert(
      fc.property(lateDate, fc.integer({ min: 1, max: 60 }), (d, n) => {
        const { value, provisional } = cn.addWorkingDays(d, n, { provisional: true });
        if (value > '2026-12-31') {
          expect(provisional).toBe(true);
          expect(() => cn.addWorkingDays(d, n)).toThrow(/2027/);
          const weekday = new Date(`${value}T00:00:00Z`).getUTCDay();
          expect(weekday >= 1 && weekday <= 5).toBe(true);
          expect(cn.workingDaysBetween(d, value, { provisional: true }).value).toBe(n);
        } else {
          expect(provisional).toBe(false);
          expect(cn.addWorkingDays(d, n)).toBe(value);
        }
      }),
      { numRuns: 300 },
    );
  });
});
