import { DateTime } from 'luxon';
import type { Instant } from '../model/time.js';
import { CalendarInputError } from './errors.js';

// Where civil days start in a zone, memoised per zone and day number. Day boundaries only move
// with the zone's rules, so each is computed once with luxon and then read from a Map: turning
// instants into civil days (and back) is the clocks' most frequent operation.

const MS_PER_DAY = 86_400_000;
/** Enough for decades of days in a handful of zones; past it the cache simply starts again. */
const MAX_ENTRIES = 200_000;

const caches = new Map<string, Map<number, Instant>>();

function civilParts(dayNumber: number): { year: number; month: number; day: number } {
  const date = new Date(dayNumber * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** The first instant of civil day `dayNumber` (days since 1970-01-01) in `zone`. */
export function startOfDayNumber(zone: string, dayNumber: number): Instant {
  let cache = caches.get(zone);
  if (cache === undefined) {
    cache = new Map();
    caches.set(zone, cache);
  }
  let start = cache.get(dayNumber);
  if (start === undefined) {
    const parts = civilParts(dayNumber);
    start = Number.isFinite(parts.year)
      ? DateTime.fromObject(parts, { zone }).startOf('day').toMillis()
      : Number.NaN;
    // At the ends of the range of dates (±8.64e15 ms) a civil day's start can fall outside it.
    if (!Number.isFinite(start)) {
      throw new CalendarInputError(
        `Day ${dayNumber} in ${zone} is outside the range of dates a calendar counts (about ±270,000 years from 1970).`,
      );
    }
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(dayNumber, start);
  }
  return start;
}

/** The civil day number, in `zone`, that `instant` falls on. */
export function dayNumberAt(zone: string, instant: Instant): number {
  // Zone offsets are within ±1 day of UTC, so the UTC day is at most a step or two away.
  let day = Math.floor(instant / MS_PER_DAY);
  while (startOfDayNumber(zone, day) > instant) day--;
  while (startOfDayNumber(zone, day + 1) <= instant) day++;
  return day;
}
