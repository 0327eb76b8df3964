import type { Instant } from '../model/time.js';

// China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact for every
// instant a case can have, and needs no time-zone database in the browser.
/** Beijing time's offset from UTC, in milliseconds (UTC+8 all year). */
export const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYY-MM-DD HH:mm:ss` in Beijing time (the form GB/T 39046 exchanges use). */
export function beijingTime(at: Instant): string {
  const d = new Date(at + BEIJING_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** The Beijing quarter of an instant, e.g. `2026Q1`. */
export function beijingQuarter(at: Instant): string {
  const d = new Date(at + BEIJING_OFFSET_MS);
  return `${d.getUTCFullYear()}Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

/** 00:00 Beijing time of the civil day holding `at` (also for instants before 1970). */
export function beijingDayStart(at: Instant): Instant {
  return at - ((((at + BEIJING_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS);
}

/**
 * The last day (截止日期, `YYYY-MM-DD`) of a deadline: the Beijing civil day holding the last
 * instant before `due`. Clocks store `due` as the first overdue instant (00:00 of the day after
 * the last working day), which is right for comparisons but reads a day late to people; every
 * human-facing output and each payload's `lastDay` shows this date instead.
 */
export function beijingLastDay(due: Instant): string {
  return beijingTime(due - 1).slice(0, 10);
}
