import { DateTime, Duration } from 'luxon';
import type { CalendarSource } from '../calendar/registry.js';
import {
  DEFAULT_ZONE,
  type HorizonOptions,
  type Provisional,
  type WorkCalendar,
} from '../calendar/work-calendar.js';
import type { TimerDefinition } from '../model/process.js';
import type { Instant } from '../model/time.js';
import { addCountingTime, workingCounter } from './counting.js';
import { BadTimerError } from './errors.js';

/** A timer's repetition, parsed from an ISO 8601 repeating interval (`R3/PT1H`, `R/2026-03-01T09:00/P1D`). */
export interface TimerCycle {
  /** How many times it fires in all, or null for unbounded (`R/…`). */
  readonly repetitions: number | null;
  /** ISO 8601 start date-time of the first occurrence when given (`R3/<start>/<duration>`), else null. */
  readonly start: string | null;
  /** The ISO 8601 duration between occurrences. */
  readonly duration: string;
}

const TIME_UNITS = ['hours', 'minutes', 'seconds', 'milliseconds'] as const;

function bad(timer: TimerDefinition, problem: string): BadTimerError {
  return new BadTimerError(`Timer ${timer.type} '${timer.value}': ${problem}`);
}

function parseDuration(timer: TimerDefinition, text: string): Duration {
  const duration = Duration.fromISO(text);
  const values = Object.values(duration.toObject());
  if (!duration.isValid || values.length === 0) {
    throw bad(timer, `'${text}' is not an ISO 8601 duration such as P3D, PT2H or P1DT12H.`);
  }
  if (values.some((v) => v < 0)) throw bad(timer, 'a timer duration cannot be negative.');
  return duration;
}

function parseDate(timer: TimerDefinition, text: string, zone: string): Instant {
  const date = DateTime.fromISO(text, { zone });
  if (!date.isValid)
    throw bad(timer, `'${text}' is not an ISO 8601 date-time such as 2026-03-01T09:00:00+08:00.`);
  return date.toMillis();
}

/** Parses a `cycle` timer's value. @throws {@link BadTimerError} */
export function parseTimerCycle(timer: TimerDefinition): TimerCycle {
  const parts = timer.value.split('/');
  const head = parts[0] ?? '';
  const match = /^R(\d*)$/.exec(head);
  if (match === null || parts.length < 2 || parts.length > 3) {
    throw bad(timer, 'a cycle is written R[n]/<duration>, R[n]/<start>/<duration> or R[n]/<duration>/<end>.');
  }
  const repetitions = match[1] === '' ? null : Number(match[1]);
  if (repetitions === 0) throw bad(timer, 'R0 never fires; leave the timer out instead.');
  const [first = '', second] = parts.slice(1);
  const startsWithDuration = first.startsWith('P');
  const duration = startsWithDuration ? first : (second ?? '');
  parseDuration(timer, duration);
  const start = startsWithDuration ? null : first;
  if (start !== null) parseDate(timer, start, DEFAULT_ZONE);
  if (startsWithDuration && second !== undefined) parseDate(timer, second, DEFAULT_ZONE);
  return { repetitions, start, duration };
}

/** The whole number of working days in a calendar timer's duration. @throws {@link BadTimerError} */
function workingDayPart(timer: TimerDefinition, duration: Duration): number {
  const parts = duration.toObject();
  if (parts.years || parts.months || parts.weeks) {
    throw bad(
      timer,
      `with calendar '${timer.calendar}' the days count working days: write them as days (e.g. P10D), not years, months or weeks.`,
    );
  }
  const days = parts.days ?? 0;
  if (!Number.isInteger(days)) throw bad(timer, 'working days must be whole (P1D, not P1.5D).');
  return days;
}

function zoneOf(
  timer: TimerDefinition,
  calendars: CalendarSource,
): { zone: string; calendar: WorkCalendar | null } {
  if (timer.calendar === null) return { zone: DEFAULT_ZONE, calendar: null };
  const calendar = calendars.getCalendar(timer.calendar);
  return { zone: calendar.zone, calendar };
}

/** `from` plus an ISO duration, with working days when the timer names a calendar. */
function addDuration(
  timer: TimerDefinition,
  text: string,
  from: Instant,
  calendars: CalendarSource,
  options: HorizonOptions,
): Provisional<Instant> {
  const duration = parseDuration(timer, text);
  const { zone, calendar } = zoneOf(timer, calendars);
  const start = DateTime.fromMillis(from, { zone });
  if (calendar === null) return { value: start.plus(duration).toMillis(), provisional: false };

  const parts = duration.toObject();
  const days = workingDayPart(timer, duration);
  const time = Duration.fromObject(Object.fromEntries(TIME_UNITS.map((unit) => [unit, parts[unit] ?? 0])));
  if (days === 0) return { value: start.plus(time).toMillis(), provisional: false };

  const date = calendar.addWorkingDays(start.toISODate()!, days, options);
  const [year, month, day] = date.value.split('-').map(Number);
  const sameTime = DateTime.fromObject(
    {
      year,
      month,
      day,
      hour: start.hour,
      minute: start.minute,
      second: start.second,
      millisecond: start.millisecond,
    },
    { zone },
  );
  const counter = workingCounter(calendar, options.provisional === true);
  return {
    value: addCountingTime(counter, calendar, sameTime.toMillis(), time.toMillis()),
    provisional: date.provisional,
  };
}

/**
 * A calendar timer's whole working days and the time part after them (`P2DT4H`: 2 and 4 h,
 * passing on working days only), or null when it counts no working days (no calendar, no day part, a `date`, or a cycle
 * with its own start). @internal
 */
export function timerWorkingDays(
  timer: TimerDefinition,
  calendars: CalendarSource,
): { readonly calendar: WorkCalendar; readonly days: number; readonly tailMs: number } | null {
  if (timer.calendar === null) return null;
  let text: string;
  if (timer.type === 'duration') text = timer.value;
  else if (timer.type === 'cycle') {
    const cycle = parseTimerCycle(timer);
    if (cycle.start !== null) return null;
    text = cycle.duration;
  } else return null;
  const duration = parseDuration(timer, text);
  const days = workingDayPart(timer, duration);
  if (days === 0) return null;
  const parts = duration.toObject();
  const tail = Duration.fromObject(Object.fromEntries(TIME_UNITS.map((unit) => [unit, parts[unit] ?? 0])));
  return { calendar: calendars.getCalendar(timer.calendar), days, tailMs: tail.toMillis() };
}

/**
 * Checks a timer definition without computing anything: the value parses for its type. With
 * `calendars`, its calendar must exist too. For compilers and designers.
 * @throws {@link BadTimerError}, {@link UnknownCalendarError}
 */
export function checkTimerDefinition(timer: TimerDefinition, calendars?: CalendarSource): void {
  let duration: string | null = null;
  if (timer.type === 'duration') duration = timer.value;
  else if (timer.type === 'date') parseDate(timer, timer.value, DEFAULT_ZONE);
  else if (timer.type === 'cycle') duration = parseTimerCycle(timer).duration;
  else throw bad(timer, `unknown timer type '${String((timer as { type: unknown }).type)}'.`);
  if (duration !== null) {
    const parsed = parseDuration(timer, duration);
    if (timer.calendar !== null) workingDayPart(timer, parsed);
  }
  if (timer.calendar !== null) calendars?.getCalendar(timer.calendar);
}

/**
 * The instant a BPMN timer fires, armed at `from`.
 * - `duration` (ISO 8601, e.g. `P3D`, `PT2H`, `P1DT12H`): without a calendar, `from` plus the
 *   duration in the zone (Asia/Shanghai unless the calendar says otherwise), ISO-style: years, months
 *   and days are calendar units, hours and less elapsed time. With `timer.calendar`: the day part
 *   counts working days — the same wall-clock time on the n-th working day after `from`'s civil day
 *   (that day not counted) — then the time part, as time that passes on working days only (a rest
 *   day does not count, so it never lands on one). With no day part, the
 *   time part is plain elapsed time from `from` (working hours are not counted yet).
 * - `date` (ISO 8601 date-time; without an offset it is read in the zone): that instant.
 * - `cycle` (`R[n]/<duration>`, `R[n]/<start>/<duration>`, `R[n]/<duration>/<end>`): the first
 *   occurrence: `<start>` when given, else `from` plus the duration. Later occurrences:
 *   {@link nextTimerCycleAt}.
 * @throws {@link BadTimerError} for a value that does not parse, {@link CalendarHorizonError} past
 * the calendar's data unless `{ provisional: true }` (then the result says whether it is provisional).
 */
export function timerDueAt(timer: TimerDefinition, from: Instant, calendars: CalendarSource): Instant;
export function timerDueAt(
  timer: TimerDefinition,
  from: Instant,
  calendars: CalendarSource,
  options: HorizonOptions,
): Provisional<Instant>;
export function timerDueAt(
  timer: TimerDefinition,
  from: Instant,
  calendars: CalendarSource,
  options?: HorizonOptions,
): Instant | Provisional<Instant> {
  if (!Number.isFinite(from)) throw bad(timer, `armed at ${from}, which is not an instant.`);
  let result: Provisional<Instant>;
  if (timer.type === 'duration') result = addDuration(timer, timer.value, from, calendars, options ?? {});
  else if (timer.type === 'date') {
    result = { value: parseDate(timer, timer.value, zoneOf(timer, calendars).zone), provisional: false };
  } else if (timer.type === 'cycle') {
    const cycle = parseTimerCycle(timer);
    result =
      cycle.start === null
        ? addDuration(timer, cycle.duration, from, calendars, options ?? {})
        : { value: parseDate(timer, cycle.start, zoneOf(timer, calendars).zone), provisional: false };
  } else throw bad(timer, `unknown timer type '${String((timer as { type: unknown }).type)}'.`);
  return options === undefined ? result.value : result;
}

/**
 * The occurrence of a `cycle` timer after the one at `previous` (same duration rules as
 * {@link timerDueAt}). Whether there is one is the caller's count against `parseTimerCycle(timer).repetitions`.
 * @throws {@link BadTimerError} when the timer is not a cycle.
 */
export function nextTimerCycleAt(
  timer: TimerDefinition,
  previous: Instant,
  calendars: CalendarSource,
): Instant;
export function nextTimerCycleAt(
  timer: TimerDefinition,
  previous: Instant,
  calendars: CalendarSource,
  options: HorizonOptions,
): Provisional<Instant>;
export function nextTimerCycleAt(
  timer: TimerDefinition,
  previous: Instant,
  calendars: CalendarSource,
  options?: HorizonOptions,
): Instant | Provisional<Instant> {
  if (timer.type !== 'cycle') throw bad(timer, 'only cycle timers repeat.');
  const result = addDuration(timer, parseTimerCycle(timer).duration, previous, calendars, options ?? {});
  return options === undefined ? result.value : result;
}
