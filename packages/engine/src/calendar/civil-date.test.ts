import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addNaturalDaysTo,
  civilDateFromDayNumber,
  dayNumberOf,
  isCivilDate,
  isoWeekdayOf,
} from './civil-date.js';
import { CalendarInputError } from './errors.js';

const MS_PER_DAY = 86_400_000;

describe('civil dates and day numbers', () => {
  it('agrees with luxon (UTC) on day number, weekday and formatting for years 1000–9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: -354_285, max: 2_932_896 }), (dayNumber) => {
        const utc = DateTime.fromMillis(dayNumber * MS_PER_DAY, { zone: 'UTC' });
        const date = civilDateFromDayNumber(dayNumber);
        expect(date).toBe(utc.toISODate());
        expect(dayNumberOf(date)).toBe(dayNumber);
        expect(isoWeekdayOf(dayNumber)).toBe(utc.weekday);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses strings that are not real dates', () => {
    for (const bad of [
      '2026-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-1-01',
      '2026/01/01',
      '20260101',
      '2026-01-0a',
      '',
      '0000-01-01',
    ]) {
      expect(isCivilDate(bad)).toBe(false);
      expect(() => dayNumberOf(bad)).toThrow(CalendarInputError);
    }
    expect(isCivilDate('2024-02-29')).toBe(true);
    expect(isCivilDate(20240229)).toBe(false);
  });

  it('adds natural days across months, leap days and years', () => {
    expect(addNaturalDaysTo('2024-02-28', 1)).toBe('2024-02-29');
    expect(addNaturalDaysTo('2024-02-28', 2)).toBe('2024-03-01');
    expect(addNaturalDaysTo('2026-12-31', 1)).toBe('2027-01-01');
    expect(addNaturalDaysTo('2026-01-01', -1)).toBe('2025-12-31');
    expect(() => addNaturalDaysTo('2026-01-01', 1.5)).toThrow(CalendarInputError);
  });
});
