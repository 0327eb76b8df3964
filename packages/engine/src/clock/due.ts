import { civilDateFromDayNumber } from '../calendar/civil-date.js';
import type { CalendarSource } from '../calendar/registry.js';
import type { WorkCalendar } from '../calendar/work-calendar.js';
import type { ClockDue, ClockOptions, ClockState } from '../model/clock.js';
import { extendedDays } from './commands.js';
import {
  countForward,
  type DayCounter,
  type DayRange,
  dayOf,
  naturalCounter,
  suspendedDays,
  suspendedMillis,
  workingCounter,
} from './counting.js';
import { DEFAULT_OFFICE_HOURS, workingHoursInstant } from './working-hours.js';

const MS_PER_HOUR = 3_600_000;

/** Due date plus what light and status computations reuse. @internal */
export interface DueDetail extends ClockDue {
  readonly calendar: WorkCalendar;
  readonly dueDay: number;
  readonly acceptanceDay: number;
  /** Counter of the limit's unit (natural days for hours limits, working days for working hours). */
  readonly counter: DayCounter;
  readonly suspended: boolean;
  readonly suspendedRanges: readonly DayRange[];
  /** The limit plus extensions, in the limit's unit. */
  readonly totalAmount: number;
}

/** @internal */
export function dueDetail(
  clock: ClockState,
  calendars: CalendarSource,
  options: ClockOptions = {},
): DueDetail {
  const calendar = calendars.getCalendar(clock.calendar);
  const provisional = options.provisional === true;
  const acceptanceDay = dayOf(calendar, clock.startedAt);
  const suspendedRanges = suspendedDays(clock, calendar, acceptanceDay, options.asOf);
  const suspended = clock.suspensions.at(-1)?.to === null;
  const extension = extendedDays(clock);
  const { amount, unit } = clock.limit;

  if (unit === 'hours') {
    const dueAt =
      clock.startedAt +
      Math.round((amount + extension * 24) * MS_PER_HOUR) +
      suspendedMillis(clock, clock.startedAt, options.asOf);
    const dueDay = dayOf(calendar, dueAt - 1);
    return {
      dueDate: civilDateFromDayNumber(dueDay),
      dueAt,
      provisional: false,
      suspended,
      calendar,
      dueDay,
      acceptanceDay,
      counter: naturalCounter,
      suspendedRanges,
      totalAmount: amount + extension * 24,
    };
  }
  if (unit === 'workingHours') {
    const totalAmount = amount + extension;
    const dueAt = workingHoursInstant(
      clock,
      calendar,
      Math.round(totalAmount * MS_PER_HOUR),
      clock.officeHours ?? DEFAULT_OFFICE_HOURS,
      provisional,
      options.asOf,
    );
    const dueDay = dayOf(calendar, dueAt - 1);
    return {
      dueDate: civilDateFromDayNumber(dueDay),
      dueAt,
      provisional: !calendar.coversDayNumbers(acceptanceDay, dueDay),
      suspended,
      calendar,
      dueDay,
      acceptanceDay,
      counter: workingCounter(calendar, provisional),
      suspendedRanges,
      totalAmount,
    };
  }
  const counter = unit === 'naturalDays' ? naturalCounter : workingCounter(calendar, provisional);
  const totalAmount = amount + extension;
  const dueDay = countForward(counter, acceptanceDay, totalAmount, suspendedRanges);
  const dueDate = civilDateFromDayNumber(dueDay);
  return {
    dueDate,
    dueAt: calendar.startOfDayNumber(dueDay + 1),
    provisional: unit === 'workingDays' && !calendar.coversDayNumbers(acceptanceDay, dueDay),
    suspended,
    calendar,
    dueDay,
    acceptanceDay,
    counter,
    suspendedRanges,
    totalAmount,
  };
}

/**
 * When the clock is due. Day units: the acceptance day is not counted; the due date is the N-th
 * counting day after it (N = limit + extensions), where a counting day is a working day (or any
 * day, for natural days) that no suspension touched; `dueAt = endOfDay(dueDate)`. Hours: the
 * exact instant `startedAt + hours + extensions × 24 h + time suspended`. An open suspension
 * counts until `options.asOf` (default: its start), and `suspended` is true.
 * @throws {@link CalendarHorizonError} when a working-day answer needs days past the data, unless
 * `options.provisional`.
 */
export function clockDue(clock: ClockState, calendars: CalendarSource, options: ClockOptions = {}): ClockDue {
  const { dueDate, dueAt, provisional, suspended } = dueDetail(clock, calendars, options);
  return { dueDate, dueAt, provisional, suspended };
}
