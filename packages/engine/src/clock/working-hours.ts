import type { WorkCalendar } from '../calendar/work-calendar.js';
import type { ClockState } from '../model/clock.js';
import type { Instant } from '../model/time.js';
import { TimeLimitError } from './errors.js';

/** One stretch of office hours on a working day, `HH:MM` to `HH:MM` in the calendar's zone. */
export interface OfficeHours {
  readonly from: string;
  readonly to: string;
}

/**
 * Office hours of a service centre (工作时): when working hours (`workingHours` limits, e.g. a
 * hotline's "答复时限 4 个工作小时") count. Default: 9:00–12:00 and 13:30–17:30 on working days.
 */
export const DEFAULT_OFFICE_HOURS: readonly OfficeHours[] = [
  { from: '09:00', to: '12:00' },
  { from: '13:30', to: '17:30' },
];

const MS_PER_MINUTE = 60_000;
/** Longest a working-hour limit may run before we give up looking: ten years of days. */
const MAX_DAYS = 3660;

function minutes(hhmm: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!match) throw new TimeLimitError(`Office hours must be written HH:MM, got '${hhmm}'.`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Hours of office time in one working day. */
export function officeHoursPerDay(hours: readonly OfficeHours[]): number {
  return hours.reduce((sum, h) => sum + (minutes(h.to) - minutes(h.from)) / 60, 0);
}

/** Checks office hours: ordered, non-overlapping, non-empty stretches within one day. */
export function checkOfficeHours(hours: readonly OfficeHours[]): void {
  if (hours.length === 0)
    throw new TimeLimitError('Office hours need at least one stretch, e.g. 09:00–12:00.');
  let end = -1;
  for (const h of hours) {
    const from = minutes(h.from);
    const to = minutes(h.to);
    if (to <= from || from < end) {
      throw new TimeLimitError(`Office hours ${h.from}–${h.to} must be in order, non-empty and not overlap.`);
    }
    end = to;
  }
}

/** Parses `09:00-12:00,13:30-17:30` (as in `tb:officeHours`). */
export function parseOfficeHours(text: string): OfficeHours[] {
  const hours = text.split(',').map((part) => {
    const [from, to] = part.trim().split(/[-–]/);
    return { from: (from ?? '').trim(), to: (to ?? '').trim() };
  });
  checkOfficeHours(hours);
  return hours;
}

/** The suspended spans of a clock as [from, to) instants; an open one lasts until `asOf`. */
function suspendedSpans(clock: ClockState, asOf: Instant | undefined): [number, number][] {
  return clock.suspensions
    .map((s): [number, number] => [s.from, s.to ?? Math.max(s.from, asOf ?? s.from)])
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
}

/**
 * The instant at which `amountMs` of working time has passed since the clock started: time counts
 * only within office hours on working days, and not while the clock is suspended. Walks day by day:
 * working-hour limits are hours, so the walk is a few days long.
 */
export function workingHoursInstant(
  clock: ClockState,
  calendar: WorkCalendar,
  amountMs: number,
  hours: readonly OfficeHours[],
  provisional: boolean,
  asOf: Instant | undefined,
): Instant {
  const spans = suspendedSpans(clock, asOf);
  const windows = hours.map((h) => [minutes(h.from) * MS_PER_MINUTE, minutes(h.to) * MS_PER_MINUTE] as const);
  let worked = 0;
  if (amountMs <= 0) return clock.startedAt;
  const first = calendar.dayNumberAt(clock.startedAt);
  // The first working day on or after the acceptance day.
  let day = calendar.addWorkingDayNumbers(first - 1, 1, provisional);
  for (let n = 0; n < MAX_DAYS; n++) {
    const midnight = calendar.startOfDayNumber(day);
    for (const [fromMs, toMs] of windows) {
      let start = Math.max(midnight + fromMs, clock.startedAt);
      const end = midnight + toMs;
      for (const [sFrom, sTo] of spans) {
        if (sTo <= start || sFrom >= end) continue;
        if (sFrom > start) {
          const piece = sFrom - start;
          if (worked + piece >= amountMs) return start + (amountMs - worked);
          worked += piece;
        }
        start = Math.max(start, sTo);
      }
      if (end > start) {
        const piece = end - start;
        if (worked + piece >= amountMs) return start + (amountMs - worked);
        worked += piece;
      }
    }
    day = calendar.addWorkingDayNumbers(day, 1, provisional);
  }
  throw new TimeLimitError(
    `A working-hour limit of ${amountMs / 3_600_000} hours did not end within ${MAX_DAYS} days.`,
  );
}

/** Working time (ms) that passed between the clock's start and `at`, by the same rules. */
export function workedMillis(
  clock: ClockState,
  calendar: WorkCalendar,
  at: Instant,
  hours: readonly OfficeHours[],
  provisional: boolean,
): number {
  // Binary search on the monotone instant function would work too; counting directly is simpler.
  const spans = suspendedSpans(clock, at);
  const windows = hours.map((h) => [minutes(h.from) * MS_PER_MINUTE, minutes(h.to) * MS_PER_MINUTE] as const);
  let worked = 0;
  let day = calendar.addWorkingDayNumbers(calendar.dayNumberAt(clock.startedAt) - 1, 1, provisional);
  const lastDay = calendar.dayNumberAt(at);
  for (let n = 0; n < MAX_DAYS && day <= lastDay; n++) {
    const midnight = calendar.startOfDayNumber(day);
    for (const [fromMs, toMs] of windows) {
      let start = Math.max(midnight + fromMs, clock.startedAt);
      const end = Math.min(midnight + toMs, at);
      for (const [sFrom, sTo] of spans) {
        if (sTo <= start || sFrom >= end) continue;
        if (sFrom > start) worked += sFrom - start;
        start = Math.max(start, sTo);
      }
      if (end > start) worked += end - start;
    }
    day = calendar.addWorkingDayNumbers(day, 1, provisional);
  }
  return worked;
}
