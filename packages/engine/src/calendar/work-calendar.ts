import { IANAZone } from 'luxon';
import type { CivilDate, Instant } from '../model/time.js';
import type { CalendarData } from './calendar-data.js';
import {
  badDate,
  civilDateFromDayNumber,
  dayNumberFromParts,
  dayNumberOf,
  isCivilDate,
  isWeekday,
  parseDayNumberOrNaN,
} from './civil-date.js';
import { CalendarHorizonError, CalendarInputError, CalendarOverlayError } from './errors.js';
import { nthWeekday, weekdaysThrough } from './weekdays.js';
import { dayNumberAt, startOfDayNumber } from './zone-days.js';

/** The zone calendars use unless told otherwise: civil dates are Beijing dates. */
export const DEFAULT_ZONE = 'Asia/Shanghai';

/**
 * Opt-in to answers past the data's horizon. With `provisional: true`, days outside the years the
 * data covers are treated as plain weekdays (Monday–Friday worked) and the result says so.
 */
export interface HorizonOptions {
  readonly provisional?: boolean;
}

/**
 * A result that may rest on days outside the holiday data. `provisional` is true exactly when the
 * answer used a day past the horizon (weekdays-only guess); show it to people as provisional.
 */
export interface Provisional<T> {
  readonly value: T;
  readonly provisional: boolean;
}

/** What a calendar is built from. */
export interface WorkCalendarSpec {
  /** Registry name, e.g. `CN` or `CN-GX`. */
  readonly name: string;
  /** IANA zone whose civil dates the calendar counts in. Default `Asia/Shanghai`. */
  readonly zone?: string;
  /** Who this calendar is for, for people. */
  readonly description?: string;
  /** The calendar this one was derived from, if any. */
  readonly base?: string | null;
  readonly data: CalendarData;
}

/** Local holidays and make-up days laid over a calendar (see {@link WorkCalendar.derive}). */
export interface CalendarChanges {
  readonly name: string;
  readonly description?: string;
  readonly zone?: string;
  /** Extra days off: set to not worked, whatever the base said. */
  readonly holidays?: Readonly<Record<CivilDate, string>>;
  /** Extra working days (local 调休): set to worked, whatever the base said. */
  readonly workdays?: Readonly<Record<CivilDate, string>>;
  /**
   * Extends the horizon: the changes are complete through this year (e.g. an agency loading next
   * year's State Council notice before the data package has it). Default: the base's last year.
   */
  readonly lastYear?: number;
}

const MS_PER_HOUR = 3_600_000;

function checkCount(n: number): void {
  if (!Number.isInteger(n)) throw new CalendarInputError(`A day count must be an integer, got ${n}.`);
}

/**
 * An official working-day calendar: Monday–Friday, minus statutory holidays, plus make-up working
 * days (调休), for the years its data covers (`firstYear`–`lastYear`, the horizon). Immutable;
 * built once, then every operation is O(1) on precomputed tables (a prefix count of working days
 * and the index of each working day), integer-only and allocation-free on its date API.
 *
 * Counting rules (行政许可法 Art. 82, 民法典 Art. 201): `addWorkingDays(d, n)` is the n-th working
 * day after `d`, `d` itself not counted; `workingDaysBetween(a, b)` counts the working days after
 * `a` up to and including `b`. Results are the same under any host `TZ`: date arithmetic never
 * touches the host's local time, and instants are mapped to dates in the calendar's `zone`.
 *
 * Anything that needs a day outside the data throws {@link CalendarHorizonError}, unless the call
 * passes `{ provisional: true }`: then it returns a {@link Provisional} result whose `provisional`
 * flag says whether the weekdays-only guess was used.
 */
export class WorkCalendar {
  /** Registry name, e.g. `CN`. */
  readonly name: string;
  /** IANA zone the calendar's civil dates are in. */
  readonly zone: string;
  /** Who this calendar is for. */
  readonly description: string;
  /** Name of the calendar this was derived from, or null. */
  readonly base: string | null;
  /** First year of data (inclusive). */
  readonly firstYear: number;
  /** Last year of data (inclusive): the horizon. */
  readonly lastYear: number;
  /** The facts the calendar was built from. */
  readonly data: CalendarData;

  private readonly start: number;
  private readonly end: number;
  private readonly size: number;
  /** working[i] is 1 when day start+i is worked. */
  private readonly working: Uint8Array;
  /** cum[i] = working days in [start, start+i-1]; cum[0] = 0. */
  private readonly cum: Int32Array;
  /** nth[k] = offset from start of the (k+1)-th working day. */
  private readonly nth: Int32Array;
  private readonly total: number;
  /** dates[i] = civil date of day start+i, so answers need no formatting. */
  private readonly dates: readonly CivilDate[];
  /** monthStart[(year - firstYear) * 12 + month - 1] = offset of that month's first day. */
  private readonly monthStart: Int32Array;
  private readonly firstOutside: CivilDate;
  private readonly lastOutside: CivilDate;

  /**
   * Builds a calendar from its data. Validates the data: a bad date, a day both off and worked, or
   * a date outside `firstYear`–`lastYear` throws {@link CalendarOverlayError}.
   */
  constructor(spec: WorkCalendarSpec) {
    const { data } = spec;
    const zone = spec.zone ?? DEFAULT_ZONE;
    if (!IANAZone.isValidZone(zone)) {
      throw new CalendarOverlayError(`Calendar '${spec.name}': '${zone}' is not an IANA time zone.`);
    }
    if (!Number.isInteger(data.firstYear) || !Number.isInteger(data.lastYear)) {
      throw new CalendarOverlayError(`Calendar '${spec.name}': firstYear and lastYear must be integers.`);
    }
    if (data.firstYear < 1000 || data.lastYear > 9998 || data.firstYear > data.lastYear) {
      throw new CalendarOverlayError(
        `Calendar '${spec.name}': years ${data.firstYear}–${data.lastYear} are not a range within 1000–9998.`,
      );
    }
    this.name = spec.name;
    this.zone = zone;
    this.description = spec.description ?? '';
    this.base = spec.base ?? null;
    this.firstYear = data.firstYear;
    this.lastYear = data.lastYear;
    // A frozen copy: the tables below must never disagree with the data they came from.
    this.data = Object.freeze({
      firstYear: data.firstYear,
      lastYear: data.lastYear,
      holidays: Object.freeze({ ...data.holidays }),
      workdays: Object.freeze({ ...data.workdays }),
    });

    this.start = dayNumberFromParts(data.firstYear, 1, 1);
    this.end = dayNumberFromParts(data.lastYear, 12, 31);
    this.size = this.end - this.start + 1;
    this.firstOutside = `${data.lastYear + 1}-01-01`;
    this.lastOutside = `${data.firstYear - 1}-12-31`;

    const months = (data.lastYear - data.firstYear + 1) * 12;
    const monthStart = new Int32Array(months + 1);
    for (let k = 0; k <= months; k++) {
      monthStart[k] = dayNumberFromParts(data.firstYear + Math.floor(k / 12), (k % 12) + 1, 1) - this.start;
    }
    this.monthStart = monthStart;

    const working = new Uint8Array(this.size);
    const dates: CivilDate[] = new Array(this.size);
    for (let i = 0; i < this.size; i++) {
      working[i] = isWeekday(this.start + i) ? 1 : 0;
      dates[i] = civilDateFromDayNumber(this.start + i);
    }
    this.mark(working, data.holidays, 0, data.workdays);
    this.mark(working, data.workdays, 1, data.holidays);

    const cum = new Int32Array(this.size + 1);
    let total = 0;
    for (let i = 0; i < this.size; i++) {
      total += working[i]!;
      cum[i + 1] = total;
    }
    const nth = new Int32Array(total);
    for (let i = 0, k = 0; i < this.size; i++) if (working[i] === 1) nth[k++] = i;

    this.working = working;
    this.cum = cum;
    this.nth = nth;
    this.total = total;
    this.dates = dates;
  }

  private mark(
    working: Uint8Array,
    days: Readonly<Record<string, string>>,
    value: 0 | 1,
    other: Readonly<Record<string, string>>,
  ): void {
    const kind = value === 0 ? 'holiday' : 'make-up working day';
    for (const date of Object.keys(days)) {
      if (!isCivilDate(date))
        throw new CalendarOverlayError(`Calendar '${this.name}': ${kind} ${badDate(date).message}`);
      const i = dayNumberOf(date) - this.start;
      if (i < 0 || i >= this.size) {
        throw new CalendarOverlayError(
          `Calendar '${this.name}': ${kind} ${date} is outside its years ${this.firstYear}–${this.lastYear}.`,
        );
      }
      if (Object.hasOwn(other, date)) {
        throw new CalendarOverlayError(
          `Calendar '${this.name}': ${date} is listed both as a holiday and as a working day.`,
        );
      }
      working[i] = value;
    }
  }

  /**
   * A new calendar: this one with local holidays and make-up days laid over it (e.g. 广西 壮族三月三),
   * possibly extending the horizon to `changes.lastYear`. Later changes win over the base.
   */
  derive(changes: CalendarChanges): WorkCalendar {
    const lastYear = changes.lastYear ?? this.lastYear;
    if (!Number.isInteger(lastYear) || lastYear < this.lastYear) {
      throw new CalendarOverlayError(
        `Calendar '${changes.name}': lastYear ${lastYear} must be an integer ≥ ${this.lastYear} (the base's).`,
      );
    }
    const holidays: Record<string, string> = { ...this.data.holidays };
    const workdays: Record<string, string> = { ...this.data.workdays };
    for (const [date, name] of Object.entries(changes.holidays ?? {})) {
      delete workdays[date];
      holidays[date] = name;
    }
    for (const [date, name] of Object.entries(changes.workdays ?? {})) {
      if (changes.holidays !== undefined && Object.hasOwn(changes.holidays, date)) {
        throw new CalendarOverlayError(
          `Calendar '${changes.name}': ${date} is listed both as a holiday and as a working day.`,
        );
      }
      delete holidays[date];
      workdays[date] = name;
    }
    return new WorkCalendar({
      name: changes.name,
      zone: changes.zone ?? this.zone,
      description: changes.description ?? '',
      base: this.name,
      data: Object.freeze({
        firstYear: this.firstYear,
        lastYear,
        holidays: Object.freeze(holidays),
        workdays: Object.freeze(workdays),
      }),
    });
  }

  // ---- integer core ---------------------------------------------------------------------------

  /** Working days in [start, x]; weekdays-only outside the data. */
  private countThrough(x: number): number {
    if (x < this.start) return weekdaysThrough(x) - weekdaysThrough(this.start - 1);
    if (x > this.end) return this.total + weekdaysThrough(x) - weekdaysThrough(this.end);
    return this.cum[x - this.start + 1]!;
  }

  /** The working day d with countThrough(d) = t; weekdays-only outside the data. */
  private nthWorkingDay(t: number): number {
    if (t >= 1 && t <= this.total) return this.start + this.nth[t - 1]!;
    if (t > this.total) return nthWeekday(t - this.total + weekdaysThrough(this.end));
    return nthWeekday(t + weekdaysThrough(this.start - 1));
  }

  private inData(x: number): boolean {
    return x >= this.start && x <= this.end;
  }

  private outside(x: number): CalendarHorizonError {
    const date =
      x > this.end ? this.firstOutside : x < this.start ? this.lastOutside : civilDateFromDayNumber(x);
    return new CalendarHorizonError(this.name, this.firstYear, this.lastYear, date);
  }

  private format(x: number): CivilDate {
    return this.inData(x) ? this.dates[x - this.start]! : civilDateFromDayNumber(x);
  }

  /**
   * Offset of `date` in the data, or -1 when it is outside the data or not a date (the caller then
   * takes the slow path, which tells which). Integer-only: the hot path's parser.
   */
  private indexOf(date: CivilDate): number {
    if (date.length !== 10) return -1;
    // Digits as if they were digits ('0' is 48: 53328 = 48 × 1111, 528 = 48 × 11); anything else
    // is caught below by comparing with the canonical string of the day it points at, which also
    // refuses days past the month's end ('2026-02-30' points at 2026-03-02).
    const year =
      date.charCodeAt(0) * 1000 +
      date.charCodeAt(1) * 100 +
      date.charCodeAt(2) * 10 +
      date.charCodeAt(3) -
      53328;
    const month = date.charCodeAt(5) * 10 + date.charCodeAt(6) - 528;
    const day = date.charCodeAt(8) * 10 + date.charCodeAt(9) - 528;
    if (year < this.firstYear || year > this.lastYear || month < 1 || month > 12 || day < 1 || day > 31)
      return -1;
    const i = this.monthStart[(year - this.firstYear) * 12 + month - 1]! + day - 1;
    return i < this.size && this.dates[i] === date ? i : -1;
  }

  private parse(date: CivilDate): number {
    const x = parseDayNumberOrNaN(date);
    if (Number.isNaN(x)) throw badDate(date);
    return x;
  }

  /**
   * Day-number form of {@link addWorkingDays}, for callers that keep integers (e.g. clocks). Sets
   * nothing and allocates nothing; throws past the horizon unless `provisional`.
   * @internal
   */
  addWorkingDayNumbers(x: number, n: number, provisional: boolean): number {
    let result: number;
    if (n > 0) result = this.nthWorkingDay(this.countThrough(x) + n);
    else if (n < 0) result = this.nthWorkingDay(this.countThrough(x - 1) + n + 1);
    else result = x;
    if (!provisional) {
      if (!this.inData(x)) throw this.outside(x);
      if (!this.inData(result)) throw this.outside(result);
    }
    return result;
  }

  /**
   * Day-number form of {@link workingDaysBetween}. @internal
   */
  workingDayNumbersBetween(a: number, b: number, provisional: boolean): number {
    if (!provisional) {
      if (!this.inData(a)) throw this.outside(a);
      if (!this.inData(b)) throw this.outside(b);
    }
    return this.countThrough(b) - this.countThrough(a);
  }

  /** Whether day-number range [a, b] lies within the data. @internal */
  coversDayNumbers(a: number, b: number): boolean {
    return this.inData(a) && this.inData(b);
  }

  // ---- public date API ------------------------------------------------------------------------

  /**
   * Whether `date` is a working day (工作日).
   * @throws {@link CalendarHorizonError} outside the data, unless `{ provisional: true }`.
   */
  isWorkingDay(date: CivilDate): boolean;
  isWorkingDay(date: CivilDate, options: HorizonOptions): Provisional<boolean>;
  isWorkingDay(date: CivilDate, options?: HorizonOptions): boolean | Provisional<boolean> {
    const i = this.indexOf(date);
    if (i >= 0) {
      const value = this.working[i] === 1;
      return options === undefined ? value : { value, provisional: false };
    }
    const x = this.parse(date);
    if (options?.provisional !== true) throw this.outside(x);
    return { value: isWeekday(x), provisional: true };
  }

  /**
   * The `n`-th working day after `date`, `date` itself not counted (民法典 Art. 201). `n = 0`
   * returns `date` unchanged, even when it is not a working day (nothing is added). A negative `n`
   * counts back: the |n|-th working day before `date`. So for `n ≥ 1` the answer is always a
   * working day, and `workingDaysBetween(date, addWorkingDays(date, n)) === n`.
   * @throws {@link CalendarHorizonError} when `date` or the answer is outside the data, unless
   * `{ provisional: true }`.
   */
  addWorkingDays(date: CivilDate, n: number): CivilDate;
  addWorkingDays(date: CivilDate, n: number, options: HorizonOptions): Provisional<CivilDate>;
  addWorkingDays(date: CivilDate, n: number, options?: HorizonOptions): CivilDate | Provisional<CivilDate> {
    // Hot path, kept small so it inlines: inside the data, counting forward, two array reads.
    if (options === undefined && n > 0) {
      const i = this.indexOf(date);
      if (i >= 0) {
        const t = this.cum[i + 1]! + n;
        if (t <= this.total && Number.isInteger(n)) return this.dates[this.nth[t - 1]!]!;
      }
    }
    return this.addWorkingDaysSlow(date, n, options);
  }

  private addWorkingDaysSlow(
    date: CivilDate,
    n: number,
    options: HorizonOptions | undefined,
  ): CivilDate | Provisional<CivilDate> {
    const x = this.parse(date);
    checkCount(n);
    if (options === undefined) return this.format(this.addWorkingDayNumbers(x, n, false));
    const result = this.addWorkingDayNumbers(x, n, options.provisional === true);
    return { value: this.format(result), provisional: !this.inData(x) || !this.inData(result) };
  }

  /**
   * The number of working days after `a` up to and including `b`. When `b` is before `a` the
   * answer is the negative of `workingDaysBetween(b, a)`; `a === b` gives 0.
   * @throws {@link CalendarHorizonError} when `a` or `b` is outside the data, unless
   * `{ provisional: true }`.
   */
  workingDaysBetween(a: CivilDate, b: CivilDate): number;
  workingDaysBetween(a: CivilDate, b: CivilDate, options: HorizonOptions): Provisional<number>;
  workingDaysBetween(a: CivilDate, b: CivilDate, options?: HorizonOptions): number | Provisional<number> {
    if (options === undefined) {
      const i = this.indexOf(a);
      const j = this.indexOf(b);
      if (i >= 0 && j >= 0) return this.cum[j + 1]! - this.cum[i + 1]!;
    }
    return this.workingDaysBetweenSlow(a, b, options);
  }

  private workingDaysBetweenSlow(
    a: CivilDate,
    b: CivilDate,
    options: HorizonOptions | undefined,
  ): number | Provisional<number> {
    const x = this.parse(a);
    const y = this.parse(b);
    if (options === undefined) return this.workingDayNumbersBetween(x, y, false);
    const value = this.workingDayNumbersBetween(x, y, options.provisional === true);
    return { value, provisional: !this.inData(x) || !this.inData(y) };
  }

  /** The first working day after `date` (= `addWorkingDays(date, 1)`). */
  nextWorkingDay(date: CivilDate): CivilDate;
  nextWorkingDay(date: CivilDate, options: HorizonOptions): Provisional<CivilDate>;
  nextWorkingDay(date: CivilDate, options?: HorizonOptions): CivilDate | Provisional<CivilDate> {
    return options === undefined ? this.addWorkingDays(date, 1) : this.addWorkingDays(date, 1, options);
  }

  /** The last working day before `date` (= `addWorkingDays(date, -1)`). */
  previousWorkingDay(date: CivilDate): CivilDate;
  previousWorkingDay(date: CivilDate, options: HorizonOptions): Provisional<CivilDate>;
  previousWorkingDay(date: CivilDate, options?: HorizonOptions): CivilDate | Provisional<CivilDate> {
    return options === undefined ? this.addWorkingDays(date, -1) : this.addWorkingDays(date, -1, options);
  }

  /**
   * `date` plus `n` natural days (自然日; negative goes back). Needs no holiday data, so it works
   * for any date in years 0001–9999 and is never provisional.
   */
  addNaturalDays(date: CivilDate, n: number): CivilDate {
    checkCount(n);
    return civilDateFromDayNumber(this.parse(date) + n);
  }

  /**
   * `instant` plus `hours` elapsed hours (natural hours, 自然小时). Working hours (工作时) are not
   * counted here.
   */
  addHours(instant: Instant, hours: number): Instant {
    if (!Number.isFinite(instant) || !Number.isFinite(hours)) {
      throw new CalendarInputError(`addHours needs finite numbers, got ${instant} and ${hours}.`);
    }
    return instant + Math.round(hours * MS_PER_HOUR);
  }

  /** The civil date, in the calendar's zone, of an instant (epoch ms). */
  civilDateOf(instant: Instant): CivilDate {
    return this.format(this.dayNumberAt(instant));
  }

  /** Day-number form of {@link civilDateOf}. @internal */
  dayNumberAt(instant: Instant): number {
    if (!Number.isFinite(instant))
      throw new CalendarInputError(`${instant} is not an instant (epoch milliseconds).`);
    return dayNumberAt(this.zone, instant);
  }

  /** The first instant of `date` in the calendar's zone. */
  startOfDay(date: CivilDate): Instant {
    return startOfDayNumber(this.zone, this.parse(date));
  }

  /** The exclusive end of `date`: the first instant of the next civil day in the calendar's zone. */
  endOfDay(date: CivilDate): Instant {
    return startOfDayNumber(this.zone, this.parse(date) + 1);
  }

  /** Day-number form of {@link startOfDay}. @internal */
  startOfDayNumber(dayNumber: number): Instant {
    return startOfDayNumber(this.zone, dayNumber);
  }

  /** Whether every day from `a` to `b` (inclusive) is inside the data. */
  covers(a: CivilDate, b: CivilDate = a): boolean {
    return this.coversDayNumbers(this.parse(a), this.parse(b));
  }

  /** Name of a holiday or make-up day from the data (e.g. `春节`), or null for an ordinary day. */
  dayName(date: CivilDate): string | null {
    this.parse(date);
    return this.data.holidays[date] ?? this.data.workdays[date] ?? null;
  }
}
