// Day counting shared by due dates, warnings and remaining days. Days are integer day numbers in
// the calendar's zone. A "counting day" is a working day (or any day, for natural days) that no
// suspension touches.
import type { WorkCalendar } from '../calendar/work-calendar.js';
import type { ClockState } from '../model/clock.js';
import type { Instant } from '../model/time.js';

/** Moves and counts over working days or natural days, suspensions aside. */
export interface DayCounter {
  /** The k-th day after x (k > 0), before x (k < 0), or x itself (k = 0). */
  add(x: number, k: number): number;
  /** Days in (a, b]. */
  count(a: number, b: number): number;
}

// A class rather than an object of arrow functions: asked for several times per command, and
// methods on a prototype cost nothing to create (closures do, more so with names kept by a bundler).
class WorkingCounter implements DayCounter {
  private readonly calendar: WorkCalendar;
  private readonly provisional: boolean;
  constructor(calendar: WorkCalendar, provisional: boolean) {
    this.calendar = calendar;
    this.provisional = provisional;
  }
  add(x: number, k: number): number {
    return this.calendar.addWorkingDayNumbers(x, k, this.provisional);
  }
  count(a: number, b: number): number {
    return this.calendar.workingDayNumbersBetween(a, b, this.provisional);
  }
}

export function workingCounter(calendar: WorkCalendar, provisional: boolean): DayCounter {
  return new WorkingCounter(calendar, provisional);
}

export const naturalCounter: DayCounter = {
  add: (x, k) => x + k,
  count: (a, b) => b - a,
};

/** Day number of an instant in the calendar's zone. */
export function dayOf(calendar: WorkCalendar, at: Instant): number {
  return calendar.dayNumberAt(at);
}

/** Inclusive day-number range [first, last]. */
export type DayRange = readonly [first: number, last: number];

/**
 * The civil days the clock's suspensions touch, after `afterDay`, merged and sorted. A suspension
 * `[from, to)` touches every day from the day of `from` to the day of the instant just before `to`;
 * an open one lasts until `asOf` (at least its own first day). An empty one touches nothing.
 */
export function suspendedDays(
  clock: { readonly suspensions: readonly Pick<ClockState['suspensions'][number], 'from' | 'to'>[] },
  calendar: WorkCalendar,
  afterDay: number,
  asOf: Instant | undefined,
): DayRange[] {
  const ranges: [number, number][] = [];
  for (const s of clock.suspensions) {
    let last: number;
    if (s.to === null) last = dayOf(calendar, Math.max(s.from, asOf ?? s.from));
    else if (s.to > s.from) last = dayOf(calendar, s.to - 1);
    else continue;
    const first = Math.max(dayOf(calendar, s.from), afterDay + 1);
    if (last >= first) ranges.push([first, last]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const top = merged.at(-1);
    if (top !== undefined && range[0] <= top[1] + 1) top[1] = Math.max(top[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

/** The n-th counting day after `start` (n ≥ 0; n = 0 gives `start`), skipping suspended days. */
export function countForward(
  counter: DayCounter,
  start: number,
  n: number,
  suspended: readonly DayRange[],
): number {
  let k = n;
  for (const [first, last] of suspended) {
    if (counter.add(start, k) < first) break;
    k += counter.count(first - 1, last);
  }
  return counter.add(start, k);
}

/**
 * The day D on or before `end` with exactly n counting days in (D, end], skipping suspended days
 * (n = 0 gives `end`): the first day from which only n counting days remain.
 */
export function countBack(
  counter: DayCounter,
  end: number,
  n: number,
  suspended: readonly DayRange[],
): number {
  let k = n;
  for (let i = suspended.length - 1; i >= 0; i--) {
    const [first, rawLast] = suspended[i]!;
    if (first > end) continue;
    const last = Math.min(rawLast, end);
    if (counter.add(end, -k) > last) break;
    k += counter.count(first - 1, last);
  }
  return counter.add(end, -k);
}

/** Counting days in (a, b], suspended days aside; negative (plain count) when b < a. */
export function countBetween(
  counter: DayCounter,
  a: number,
  b: number,
  suspended: readonly DayRange[],
): number {
  if (b <= a) return counter.count(a, b);
  let n = counter.count(a, b);
  for (const [first, last] of suspended) {
    const lo = Math.max(first, a + 1);
    const hi = Math.min(last, b);
    if (lo <= hi) n -= counter.count(lo - 1, hi);
  }
  return n;
}

/** Milliseconds the clock was suspended at or after `since` (open suspension until `asOf`). */
export function suspendedMillis(clock: ClockState, since: Instant, asOf: Instant | undefined): number {
  const spans = clock.suspensions
    .map((s): [number, number] => [Math.max(s.from, since), s.to ?? Math.max(s.from, asOf ?? s.from)])
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let reach = Number.NEGATIVE_INFINITY;
  for (const [from, to] of spans) {
    const lo = Math.max(from, reach);
    if (to > lo) total += to - lo;
    reach = Math.max(reach, to);
  }
  return total;
}

/**
 * `from` moved by `ms` of time that passes on counting days only (forward for ms ≥ 0, else back):
 * time on a rest day does not pass, so the time part of a working-day timer (`P1DT20H`) never
 * carries it onto a rest day. Whole civil days, not office hours: a timer counts days.
 */
export function addCountingTime(
  counter: DayCounter,
  calendar: WorkCalendar,
  from: Instant,
  ms: number,
): Instant {
  const counts = (day: number): boolean => counter.count(day - 1, day) === 1;
  let at = from;
  let left = Math.abs(ms);
  let day = dayOf(calendar, at);
  if (ms >= 0) {
    for (;;) {
      const end = calendar.startOfDayNumber(day + 1);
      if (counts(day)) {
        if (at + left < end) return at + left;
        left -= end - at;
      }
      at = end;
      day += 1;
    }
  }
  for (;;) {
    const start = calendar.startOfDayNumber(day);
    if (counts(day)) {
      if (at - left >= start) return at - left;
      left -= at - start;
    }
    at = start;
    day -= 1;
  }
}
