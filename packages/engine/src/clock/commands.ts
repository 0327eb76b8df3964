import type { CalendarSource } from '../calendar/registry.js';
import type { ClockState } from '../model/clock.js';
import type { Instant, TimeLimit, TimeUnit, WarningThreshold } from '../model/time.js';
import { ClockStateError, ExtensionCapError, TimeLimitError } from './errors.js';
import { checkOfficeHours, type OfficeHours } from './working-hours.js';

function checkInstant(at: Instant, what: string): void {
  if (!Number.isSafeInteger(at))
    throw new ClockStateError(`${what} must be an instant in epoch milliseconds, got ${at}.`);
}

function checkUnit(unit: TimeUnit, what: string): void {
  if (unit !== 'workingDays' && unit !== 'naturalDays' && unit !== 'hours' && unit !== 'workingHours') {
    throw new TimeLimitError(`${what}: unknown unit '${String(unit)}'.`);
  }
}

function checkAmount(amount: number, unit: TimeUnit, what: string): void {
  const ok =
    unit === 'hours' || unit === 'workingHours'
      ? Number.isFinite(amount) && amount >= 0
      : Number.isInteger(amount) && amount >= 0;
  if (!ok) {
    throw new TimeLimitError(
      `${what}: amount ${amount} must be ${unit === 'hours' || unit === 'workingHours' ? 'a number' : 'a whole number'} ≥ 0 of ${unit}.`,
    );
  }
}

/** Checks a time limit the clock can count. @throws {@link TimeLimitError} */
export function checkTimeLimit(limit: TimeLimit): void {
  checkUnit(limit.unit, 'Time limit');
  checkAmount(limit.amount, limit.unit, 'Time limit');
}

/** Checks a warning threshold the clock can count. @throws {@link TimeLimitError} */
export function checkWarning(warning: WarningThreshold): void {
  if (warning.kind === 'share') {
    if (!(warning.share >= 0 && warning.share <= 1)) {
      throw new TimeLimitError(
        `Warning share ${warning.share} must be between 0 and 1 (e.g. 0.2 for the last fifth).`,
      );
    }
    return;
  }
  checkUnit(warning.unit, 'Warning threshold');
  checkAmount(warning.amount, warning.unit, 'Warning threshold');
}

function openSuspension(clock: ClockState): boolean {
  const last = clock.suspensions.at(-1);
  return last !== undefined && last.to === null;
}

function lastEventAt(clock: ClockState): Instant {
  const last = clock.suspensions.at(-1);
  return last === undefined ? clock.startedAt : (last.to ?? last.from);
}

function checkRunning(clock: ClockState, what: string): void {
  if (clock.stoppedAt !== null)
    throw new ClockStateError(
      `Cannot ${what}: the clock stopped at ${new Date(clock.stoppedAt).toISOString()}.`,
    );
}

/** What a clock starts from. */
export interface StartClockInput {
  readonly limit: TimeLimit;
  readonly calendar: string;
  readonly startedAt: Instant;
  readonly warning?: WarningThreshold | null;
  /** Office hours for `workingHours` limits (default {@link DEFAULT_OFFICE_HOURS}). */
  readonly officeHours?: readonly OfficeHours[];
}

/**
 * Starts a clock at acceptance (受理). The acceptance day is never counted. With `calendars`, the
 * calendar name is checked too.
 * @throws {@link TimeLimitError} for a limit or warning it cannot count,
 * {@link UnknownCalendarError} for an unknown calendar.
 */
export function startClock(input: StartClockInput, calendars?: CalendarSource): ClockState {
  checkTimeLimit(input.limit);
  if (input.warning) checkWarning(input.warning);
  checkInstant(input.startedAt, 'startedAt');
  if (input.officeHours) checkOfficeHours(input.officeHours);
  calendars?.getCalendar(input.calendar);
  return {
    limit: { amount: input.limit.amount, unit: input.limit.unit },
    calendar: input.calendar,
    startedAt: input.startedAt,
    warning: input.warning ?? null,
    suspensions: [],
    extensions: [],
    stoppedAt: null,
    ...(input.officeHours ? { officeHours: input.officeHours.map((h) => ({ from: h.from, to: h.to })) } : {}),
  };
}

/**
 * Suspends the clock at `at` (挂起 / 补正 / 特别程序). `at` may not be before the clock's last event.
 * @throws {@link ClockStateError} when already suspended, stopped, or `at` is out of order.
 */
export function suspendClock(
  clock: ClockState,
  at: Instant,
  reason: string,
  actor: string,
  kind?: string,
): ClockState {
  checkInstant(at, 'at');
  checkRunning(clock, 'suspend');
  if (openSuspension(clock)) throw new ClockStateError('Cannot suspend: the clock is already suspended.');
  if (at < lastEventAt(clock))
    throw new ClockStateError("Cannot suspend before the clock's last start or resume.");
  const suspension = { from: at, to: null, reason, actor, ...(kind === undefined ? {} : { kind }) };
  return { ...clock, suspensions: [...clock.suspensions, suspension] };
}

/**
 * Ends the open suspension at `at`.
 * @throws {@link ClockStateError} when not suspended, stopped, or `at` is before the suspension.
 */
export function resumeClock(clock: ClockState, at: Instant): ClockState {
  checkInstant(at, 'at');
  checkRunning(clock, 'resume');
  const last = clock.suspensions.at(-1);
  if (last === undefined || last.to !== null)
    throw new ClockStateError('Cannot resume: the clock is not suspended.');
  if (at < last.from) throw new ClockStateError('Cannot resume before the suspension began.');
  return { ...clock, suspensions: [...clock.suspensions.slice(0, -1), { ...last, to: at }] };
}

/** Total days of extension granted so far. */
export function extendedDays(clock: ClockState): number {
  return clock.extensions.reduce((sum, extension) => sum + extension.days, 0);
}

/**
 * Extends the clock by `days` (延期, Art. 42) in the limit's day unit (working days for a
 * working-day limit; 24 hours each for an hours limit). `cap` is the most extension the matter
 * allows in all (10, or 15 for joint handling).
 * @throws {@link ExtensionCapError} past the cap, {@link ClockStateError} when stopped or `days`
 * is not a positive whole number.
 */
export function extendClock(
  clock: ClockState,
  days: number,
  approver: string,
  reason: string,
  at: Instant,
  cap?: number,
): ClockState {
  checkInstant(at, 'at');
  checkRunning(clock, 'extend');
  if (!Number.isInteger(days) || days <= 0)
    throw new ClockStateError(`An extension must be a whole number of days ≥ 1, got ${days}.`);
  const already = extendedDays(clock);
  if (cap !== undefined && already + days > cap) throw new ExtensionCapError(cap, days, already);
  return { ...clock, extensions: [...clock.extensions, { days, approver, reason, at }] };
}

/**
 * Stops the clock at `at` (办结, 撤回, 终止). An open suspension ends at `at`. The due date stays as
 * it was; lights freeze at their value at `at`.
 * @throws {@link ClockStateError} when already stopped or `at` is out of order.
 */
export function stopClock(clock: ClockState, at: Instant): ClockState {
  checkInstant(at, 'at');
  checkRunning(clock, 'stop');
  if (at < lastEventAt(clock)) throw new ClockStateError("Cannot stop before the clock's last event.");
  const stopped = openSuspension(clock) ? resumeClock(clock, at) : clock;
  return { ...stopped, stoppedAt: at };
}

/** Whether the clock is suspended now (has an open suspension). */
export function isClockSuspended(clock: ClockState): boolean {
  return openSuspension(clock);
}
