import type { CalendarSource } from '../calendar/registry.js';
import type { ClockLight, ClockOptions, ClockState, ClockStatus, LightChange } from '../model/clock.js';
import type { Instant } from '../model/time.js';
import { countBack, countBetween, dayOf, naturalCounter, workingCounter } from './counting.js';
import { type DueDetail, dueDetail } from './due.js';
import { DEFAULT_OFFICE_HOURS, officeHoursPerDay, workingHoursInstant } from './working-hours.js';

const MS_PER_HOUR = 3_600_000;

/** The instant the clock turns yellow, or null without a warning. */
function yellowAt(
  clock: ClockState,
  due: DueDetail,
  provisional: boolean,
): { at: Instant; provisional: boolean } | null {
  const { warning } = clock;
  if (warning === null) return null;
  if (clock.limit.unit === 'workingHours') return workingHoursYellow(clock, due, provisional);
  let amount: number;
  let unit: 'workingDays' | 'naturalDays' | 'hours';
  if (warning.kind === 'share') {
    amount = warning.share * due.totalAmount;
    unit = clock.limit.unit;
  } else {
    amount = warning.amount;
    unit = warning.unit === 'workingHours' ? 'hours' : warning.unit;
  }
  if (unit === 'hours') return { at: due.dueAt - Math.round(amount * MS_PER_HOUR), provisional: false };
  // Whole days: yellow from the start of the first day after which only `days` counting days
  // remain up to and including the due date. The epsilon keeps 0.2 × 20 = 4, not 3.
  const days = Math.floor(amount + 1e-9);
  const counter = unit === 'naturalDays' ? naturalCounter : workingCounter(due.calendar, provisional);
  const day = countBack(counter, due.dueDay, days, due.suspendedRanges);
  return {
    at: due.calendar.startOfDayNumber(day),
    provisional: unit === 'workingDays' && !due.calendar.coversDayNumbers(day, due.dueDay),
  };
}

/**
 * Working-hour limits turn yellow when the working time left falls to the threshold: a share of
 * the limit, or an amount of (working) hours; a threshold in days counts whole office days.
 */
function workingHoursYellow(
  clock: ClockState,
  due: DueDetail,
  provisional: boolean,
): { at: Instant; provisional: boolean } | null {
  const warning = clock.warning;
  if (warning === null) return null;
  const hours = clock.officeHours ?? DEFAULT_OFFICE_HOURS;
  const perDay = officeHoursPerDay(hours);
  const left =
    warning.kind === 'share'
      ? warning.share * due.totalAmount
      : warning.unit === 'workingDays' || warning.unit === 'naturalDays'
        ? warning.amount * perDay
        : warning.amount;
  const workedAtYellow = Math.max(0, due.totalAmount - left);
  const at = workingHoursInstant(
    clock,
    due.calendar,
    Math.round(workedAtYellow * MS_PER_HOUR),
    hours,
    provisional,
    undefined,
  );
  return { at, provisional: due.provisional };
}

interface LightDetail {
  readonly at: Instant;
  readonly due: DueDetail;
  readonly yellow: { at: Instant; provisional: boolean } | null;
  readonly light: ClockLight;
  readonly next: LightChange | null;
}

function lightDetail(
  clock: ClockState,
  calendars: CalendarSource,
  now: Instant,
  provisional: boolean,
): LightDetail {
  const at = clock.stoppedAt === null ? now : Math.min(now, clock.stoppedAt);
  const due = dueDetail(clock, calendars, { provisional, asOf: at });
  // While suspended the light is frozen: it is judged at the suspension's start.
  const judgedAt = due.suspended ? (clock.suspensions.at(-1)?.from ?? at) : at;
  const judged = judgedAt === at ? due : dueDetail(clock, calendars, { provisional, asOf: judgedAt });
  const yellow = yellowAt(clock, judged, provisional);
  const light: ClockLight =
    judgedAt >= judged.dueAt ? 'red' : yellow !== null && judgedAt >= yellow.at ? 'yellow' : 'green';
  let next: LightChange | null = null;
  if (clock.stoppedAt === null && !due.suspended && light !== 'red') {
    next =
      light === 'green' && yellow !== null && yellow.at > at && yellow.at < due.dueAt
        ? { light: 'yellow', at: yellow.at }
        : { light: 'red', at: due.dueAt };
  }
  return { at, due, yellow, light, next };
}

function remaining(detail: LightDetail, provisional: boolean): { days: number; provisional: boolean } {
  const { due } = detail;
  const today = dayOf(due.calendar, detail.at);
  const days = countBetween(
    workingCounter(due.calendar, provisional),
    today,
    due.dueDay,
    due.suspendedRanges,
  );
  return {
    // Overdue is always below 0: red on the rest day after the due date (or on the due day of an
    // hours limit) is the first overdue day, -1, not 0, so `remaining < 0` means overdue.
    days: detail.light === 'red' ? Math.min(-1, days) : days,
    provisional: !due.calendar.coversDayNumbers(Math.min(today, due.dueDay), Math.max(today, due.dueDay)),
  };
}

/**
 * Everything about a clock at `now`, from one computation: due date, light, when it turned or
 * turns yellow, remaining working days and the next light change. A stopped clock is judged at
 * its `stoppedAt`, so its light freezes. An open suspension counts until `now` for the due date
 * and remaining days, while the light (and `yellowAt`) stay as judged at the suspension's start.
 * @throws {@link CalendarHorizonError} past the data unless `options.provisional`.
 */
export function clockStatus(
  clock: ClockState,
  calendars: CalendarSource,
  now: Instant,
  options: Pick<ClockOptions, 'provisional'> = {},
): ClockStatus {
  const provisional = options.provisional === true;
  const detail = lightDetail(clock, calendars, now, provisional);
  const left = remaining(detail, provisional);
  const { due, yellow } = detail;
  return {
    dueDate: due.dueDate,
    dueAt: due.dueAt,
    suspended: due.suspended,
    provisional: due.provisional || (yellow?.provisional ?? false) || left.provisional,
    light: detail.light,
    overdue: detail.light === 'red',
    yellowAt: yellow?.at ?? null,
    remainingWorkingDays: left.days,
    next: detail.next,
  };
}

/**
 * The clock's light at `now`: red from `dueAt` on, yellow from the warning threshold on, else
 * green. Thresholds: a number of working or natural days X turns yellow at the start of the first
 * day from which only X counting days remain after it up to and including the due date (X = 1:
 * from the start of the working day before the due date); hours turn yellow X hours before
 * `dueAt`; a share s of the limit (plus extensions) is X = ⌊s × limit⌋ in the limit's unit.
 */
export function clockLight(
  clock: ClockState,
  calendars: CalendarSource,
  now: Instant,
  options: Pick<ClockOptions, 'provisional'> = {},
): ClockLight {
  return lightDetail(clock, calendars, now, options.provisional === true).light;
}

/**
 * Working days left: those after `now`'s civil day up to and including the due date, suspended
 * days aside (0 on the due date itself). Negative exactly when overdue (red): minus the working
 * days after the due date up to and including today, and at least 1 (−1 on a rest day right after
 * the due date, or on the due day of an hours limit once it has passed).
 */
export function remainingWorkingDays(
  clock: ClockState,
  calendars: CalendarSource,
  now: Instant,
  options: Pick<ClockOptions, 'provisional'> = {},
): number {
  const provisional = options.provisional === true;
  return remaining(lightDetail(clock, calendars, now, provisional), provisional).days;
}

/**
 * The next light change to schedule as a timer: `{ light, at }` with the exact instant the light
 * becomes `light`, or null while the clock is suspended or stopped or already red. Recompute it
 * after every suspend, resume and extend, and when the timer fires.
 */
export function nextLightChange(
  clock: ClockState,
  calendars: CalendarSource,
  now: Instant,
  options: Pick<ClockOptions, 'provisional'> = {},
): LightChange | null {
  return lightDetail(clock, calendars, now, options.provisional === true).next;
}
