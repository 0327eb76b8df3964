/**
 * Working-day calendars: official mainland data, regional overlays, O(1) working-day arithmetic.
 * @module
 */
export type { CalendarData } from './calendar-data.js';
export {
  addNaturalDaysTo,
  civilDateFromDayNumber,
  dayNumberFromParts,
  dayNumberOf,
  daysInMonth,
  isCivilDate,
  isoWeekdayOf,
  isWeekday,
} from './civil-date.js';
export {
  CalendarHorizonError,
  CalendarInputError,
  CalendarOverlayError,
  UnknownCalendarError,
} from './errors.js';
export { solarDateOfLunar } from './lunar.js';
export { OFFICIAL_DATA_SOURCE, officialMainlandData } from './official-data.js';
export { type CalendarOverlay, parseCalendarOverlay, parseCalendarOverlayJson } from './overlay.js';
export {
  CalendarRegistry,
  type CalendarSource,
  defaultCalendarRegistry,
  GUANGXI_CALENDAR,
  getCalendar,
  guangxiCalendar,
  MAINLAND_CALENDAR,
  mainlandCalendar,
} from './registry.js';
export {
  type CalendarChanges,
  DEFAULT_ZONE,
  type HorizonOptions,
  type Provisional,
  WorkCalendar,
  type WorkCalendarSpec,
} from './work-calendar.js';
