import { TongbanError } from '../errors.js';

/**
 * A computation needed a day outside the years the holiday data covers (the horizon), and the
 * caller did not opt in to a provisional, weekdays-only answer.
 */
export class CalendarHorizonError extends TongbanError {
  readonly code = 'CALENDAR_HORIZON';
  /** The calendar whose data ran out. */
  readonly calendar: string;
  /** The first and last years its data covers. */
  readonly firstYear: number;
  readonly lastYear: number;
  /** The civil date that fell outside the data. */
  readonly date: string;

  constructor(calendar: string, firstYear: number, lastYear: number, date: string) {
    super(
      `Calendar '${calendar}' has official holiday data for ${firstYear}–${lastYear} only, and this ` +
        `computation needs ${date}. Update the holiday data package, load an overlay that covers ` +
        `${date.slice(0, 4)}, or ask for a provisional (weekdays-only) answer.`,
    );
    this.calendar = calendar;
    this.firstYear = firstYear;
    this.lastYear = lastYear;
    this.date = date;
  }
}

/** A calendar name that no registry entry has. */
export class UnknownCalendarError extends TongbanError {
  readonly code = 'UNKNOWN_CALENDAR';
  readonly calendar: string;

  constructor(calendar: string, known: readonly string[]) {
    super(`Unknown calendar '${calendar}'. Known calendars: ${known.join(', ') || '(none)'}.`);
    this.calendar = calendar;
  }
}

/** A civil date that is not a real `YYYY-MM-DD` date, or a count that is not an integer. */
export class CalendarInputError extends TongbanError {
  readonly code = 'CALENDAR_INPUT';
}

/** Calendar data or an overlay (e.g. an agency's JSON file) that does not have the documented shape. */
export class CalendarOverlayError extends TongbanError {
  readonly code = 'BAD_CALENDAR_OVERLAY';
}
