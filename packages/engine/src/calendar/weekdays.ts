// Closed-form weekday arithmetic, used past the horizon (provisional answers) and by overlays.
// A fixed Monday is the origin; `weekdaysThrough(x)` counts Monday–Friday days in [MONDAY, x],
// negative for days before it, so differences give counts over any range.

/** 1969-12-29, a Monday, as a day number. */
const MONDAY = -3;

function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}

/** Number of weekdays in [MONDAY, x] (a decreasing negative count before MONDAY). @internal */
export function weekdaysThrough(x: number): number {
  const k = x - MONDAY + 1; // days in [MONDAY, x]
  const weeks = floorDiv(k, 7);
  const rest = k - weeks * 7;
  return weeks * 5 + Math.min(rest, 5);
}

/** The day number `d` with weekdaysThrough(d) = m and d a weekday (the m-th weekday from MONDAY). @internal */
export function nthWeekday(m: number): number {
  const weeks = floorDiv(m - 1, 5);
  const rest = m - 1 - weeks * 5;
  return MONDAY + weeks * 7 + rest;
}
