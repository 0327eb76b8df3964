import { TongbanError } from '../errors.js';

/** A clock operation that does not apply to the clock's state (e.g. resume when not suspended). */
export class ClockStateError extends TongbanError {
  readonly code = 'CLOCK_STATE';
}

/** An extension that would take the clock's total extensions past the matter's cap (10 or 15). */
export class ExtensionCapError extends TongbanError {
  readonly code = 'EXTENSION_CAP';
  readonly cap: number;
  readonly requested: number;
  readonly alreadyExtended: number;

  constructor(cap: number, requested: number, alreadyExtended: number) {
    super(
      `Extending by ${requested} would make ${alreadyExtended + requested} days of extension in all, ` +
        `but this matter allows at most ${cap} (行政许可法 Art. 42).`,
    );
    this.cap = cap;
    this.requested = requested;
    this.alreadyExtended = alreadyExtended;
  }
}

/** A time limit or warning this version cannot count (e.g. working hours, issue 7) or a bad amount. */
export class TimeLimitError extends TongbanError {
  readonly code = 'BAD_TIME_LIMIT';
}

/** A BPMN timer value that is not a valid ISO 8601 duration, date or cycle for its type. */
export class BadTimerError extends TongbanError {
  readonly code = 'BAD_TIMER';
}
