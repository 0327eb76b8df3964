import type { CivilDate } from '../model/time.js';
import { isCivilDate } from './civil-date.js';
import { CalendarOverlayError } from './errors.js';
import type { CalendarChanges } from './work-calendar.js';

/**
 * A calendar overlay, as loaded from JSON at run time: a new calendar `name` derived from the
 * registered calendar `extends`, with extra days off and extra working days. Days may be a list of
 * dates or an object from date to the day's name. Format and examples: docs/time-rules.md.
 *
 * ```json
 * { "name": "CN-GX-NN", "extends": "CN-GX", "description": "南宁市",
 *   "holidays": { "2026-04-20": "壮族三月三" }, "workdays": ["2026-04-26"] }
 * ```
 */
export interface CalendarOverlay extends CalendarChanges {
  /** The registered calendar this overlay derives from, e.g. `CN`. */
  readonly extends: string;
}

const KEYS = new Set([
  'name',
  'extends',
  'description',
  'zone',
  'holidays',
  'workdays',
  'lastYear',
  '$schema',
]);
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

function fail(where: string, problem: string): never {
  throw new CalendarOverlayError(`Calendar overlay ${where}: ${problem}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function days(value: unknown, field: string, where: string): Record<CivilDate, string> {
  const out: Record<CivilDate, string> = {};
  if (value === undefined) return out;
  if (Array.isArray(value)) {
    value.forEach((date, i) => {
      if (!isCivilDate(date))
        fail(where, `${field}[${i}] is ${JSON.stringify(date)}, not a date written YYYY-MM-DD.`);
      out[date] = field === 'holidays' ? 'holiday' : 'working day';
    });
    return out;
  }
  if (!isRecord(value)) fail(where, `${field} must be a list of dates or an object from date to name.`);
  for (const [date, name] of Object.entries(value)) {
    if (!isCivilDate(date))
      fail(where, `${field} has key ${JSON.stringify(date)}, not a date written YYYY-MM-DD.`);
    if (typeof name !== 'string') fail(where, `${field}.${date} must be the day's name (a string).`);
    out[date] = name;
  }
  return out;
}

/**
 * Checks that `value` (already parsed JSON) is a {@link CalendarOverlay} and returns it typed.
 * @throws {@link CalendarOverlayError} naming the field and what is wrong with it.
 */
export function parseCalendarOverlay(value: unknown, source = 'JSON'): CalendarOverlay {
  if (!isRecord(value)) fail(`(${source})`, 'must be a JSON object.');
  const where = typeof value.name === 'string' ? `'${value.name}' (${source})` : `(${source})`;
  for (const key of Object.keys(value)) {
    if (!KEYS.has(key))
      fail(where, `unknown field '${key}'. Allowed: ${[...KEYS].filter((k) => k !== '$schema').join(', ')}.`);
  }
  if (typeof value.name !== 'string' || !NAME.test(value.name)) {
    fail(
      where,
      'name must be 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit (e.g. "CN-GX-NN").',
    );
  }
  if (typeof value.extends !== 'string' || value.extends === '')
    fail(where, 'extends must name a registered calendar, e.g. "CN".');
  if (value.description !== undefined && typeof value.description !== 'string')
    fail(where, 'description must be a string.');
  if (value.zone !== undefined && typeof value.zone !== 'string')
    fail(where, 'zone must be an IANA zone name.');
  if (
    value.lastYear !== undefined &&
    (typeof value.lastYear !== 'number' || !Number.isInteger(value.lastYear))
  ) {
    fail(where, 'lastYear must be an integer year.');
  }
  const holidays = days(value.holidays, 'holidays', where);
  const workdays = days(value.workdays, 'workdays', where);
  for (const date of Object.keys(workdays)) {
    if (Object.hasOwn(holidays, date)) fail(where, `${date} is listed both in holidays and in workdays.`);
  }
  return {
    name: value.name,
    extends: value.extends,
    ...(value.description === undefined ? {} : { description: value.description }),
    ...(value.zone === undefined ? {} : { zone: value.zone }),
    ...(value.lastYear === undefined ? {} : { lastYear: value.lastYear }),
    holidays,
    workdays,
  };
}

/**
 * Parses overlay JSON text (e.g. an agency's file) and checks it.
 * @throws {@link CalendarOverlayError} for text that is not JSON or not an overlay.
 */
export function parseCalendarOverlayJson(text: string, source = 'JSON'): CalendarOverlay {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    fail(`(${source})`, `is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseCalendarOverlay(value, source);
}
