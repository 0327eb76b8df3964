import type { CivilDate } from '../model/time.js';
import { CalendarInputError } from './errors.js';

// Day numbers are whole days since 1970-01-01 (a civil date, no zone). The conversions follow
// Howard Hinnant's `days_from_civil` / `civil_from_days`: exact for the proleptic Gregorian
// calendar, integer-only, no Date or luxon, so they are cheap enough for the hot path.

const ZERO = 48;

function digit(s: string, i: number): number {
  const d = s.charCodeAt(i) - ZERO;
  return d >= 0 && d <= 9 ? d : Number.NaN;
}

/** Days in `month` (1–12) of `year`, proleptic Gregorian. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Day number (days since 1970-01-01) of a year, month (1–12) and day. */
export function dayNumberFromParts(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Day number of a `YYYY-MM-DD` string, or NaN when it is not a real date. Allocation-free.
 * @internal
 */
export function parseDayNumberOrNaN(date: string): number {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return Number.NaN;
  const year = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);
  const month = digit(date, 5) * 10 + digit(date, 6);
  const day = digit(date, 8) * 10 + digit(date, 9);
  // NaN fails every comparison below, so a non-digit anywhere is refused here.
  if (!(year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) {
    return Number.NaN;
  }
  return dayNumberFromParts(year, month, day);
}

/** Whether `value` is a real civil date written `YYYY-MM-DD` (years 0001–9999). */
export function isCivilDate(value: unknown): value is CivilDate {
  return typeof value === 'string' && !Number.isNaN(parseDayNumberOrNaN(value));
}

/**
 * Day number (whole days since 1970-01-01) of a civil date.
 * @throws {@link CalendarInputError} when `date` is not a real `YYYY-MM-DD` date.
 */
export function dayNumberOf(date: CivilDate): number {
  const n = parseDayNumberOrNaN(date);
  if (Number.isNaN(n)) throw badDate(date);
  return n;
}

/** @internal */
export function badDate(date: unknown): CalendarInputError {
  return new CalendarInputError(
    `'${String(date)}' is not a civil date: write a real date as YYYY-MM-DD, e.g. 2026-02-09.`,
  );
}

const FIRST_DAY = dayNumberFromParts(1, 1, 1);
const LAST_DAY = dayNumberFromParts(9999, 12, 31);

/**
 * The civil date `YYYY-MM-DD` of a day number (whole days since 1970-01-01).
 * @throws {@link CalendarInputError} outside years 0001–9999.
 */
export function civilDateFromDayNumber(dayNumber: number): CivilDate {
  if (!Number.isInteger(dayNumber) || dayNumber < FIRST_DAY || dayNumber > LAST_DAY) {
    throw new CalendarInputError(`Day number ${dayNumber} is outside the years 0001–9999.`);
  }
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday. */
export function isoWeekdayOf(dayNumber: number): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** Whether a day number falls on Monday–Friday. */
export function isWeekday(dayNumber: number): boolean {
  return isoWeekdayOf(dayNumber) <= 5;
}

/** The civil date `days` natural days after (or before, if negative) `date`. */
export function addNaturalDaysTo(date: CivilDate, days: number): CivilDate {
  if (!Number.isInteger(days)) throw new CalendarInputError(`A day count must be an integer, got ${days}.`);
  return civilDateFromDayNumber(dayNumberOf(date) + days);
}
