import type { CivilDate } from '../model/time.js';

/**
 * The raw facts a {@link WorkCalendar} is built from: for every year from `firstYear` to
 * `lastYear`, the days off that are not plain weekends (statutory holidays) and the weekend days
 * that are worked (调休 make-up days). Every other day is a working day exactly when it is
 * Monday–Friday. Values are the day's name (e.g. `春节`), for people reading the data.
 */
export interface CalendarData {
  readonly firstYear: number;
  readonly lastYear: number;
  /** Days not worked: statutory holidays and the weekdays moved into them. */
  readonly holidays: Readonly<Record<CivilDate, string>>;
  /** Weekend days that are worked (调休 make-up working days). */
  readonly workdays: Readonly<Record<CivilDate, string>>;
}
