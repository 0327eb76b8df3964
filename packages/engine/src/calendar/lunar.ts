import type { CivilDate } from '../model/time.js';
import { civilDateFromDayNumber, dayNumberFromParts } from './civil-date.js';

// Lunar (农历) dates come from the platform's ICU Chinese calendar (Intl, `ca-chinese`), which every
// current browser and Node ships: no hand-typed lunar table, and no host-local-time pitfalls since
// we format at UTC noon of each civil date.

let formatter: Intl.DateTimeFormat | undefined;

function lunarParts(dayNumber: number): { year: number; month: string; day: number } {
  formatter ??= new Intl.DateTimeFormat('en-u-ca-chinese', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  });
  let year = 0;
  let month = '';
  let day = 0;
  for (const part of formatter.formatToParts(dayNumber * 86_400_000 + 43_200_000)) {
    // `relatedYear` (the Gregorian year the lunar year starts in) is missing from older lib typings.
    const type: string = part.type;
    if (type === 'relatedYear' || type === 'year') year = Number(part.value);
    else if (type === 'month') month = part.value;
    else if (type === 'day') day = Number(part.value);
  }
  return { year, month, day };
}

/**
 * The Gregorian civil date of lunar month `month` (not a leap month), day `day`, in the lunar year
 * that starts in Gregorian `year`; null if that lunar year has no such day (e.g. a 30th in a
 * 29-day month).
 */
export function solarDateOfLunar(year: number, month: number, day: number): CivilDate | null {
  // Lunar new year falls between 21 Jan and 20 Feb; a leap month can push a date a month later.
  const from = dayNumberFromParts(year, 1, 21) + (month - 1) * 29 + day - 1;
  for (let x = from; x < from + 70; x++) {
    const lunar = lunarParts(x);
    if (lunar.year === year && lunar.month === String(month) && lunar.day === day)
      return civilDateFromDayNumber(x);
    if (lunar.year > year) break;
  }
  return null;
}
