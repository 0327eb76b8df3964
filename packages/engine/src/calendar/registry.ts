import { CalendarOverlayError, UnknownCalendarError } from './errors.js';
import { solarDateOfLunar } from './lunar.js';
import { officialMainlandData } from './official-data.js';
import { type CalendarOverlay, parseCalendarOverlay, parseCalendarOverlayJson } from './overlay.js';
import { WorkCalendar } from './work-calendar.js';

/** Name of the mainland-China calendar (State Council holiday notices). */
export const MAINLAND_CALENDAR = 'CN';
/** Name of the 广西壮族自治区 calendar: mainland plus 壮族三月三. */
export const GUANGXI_CALENDAR = 'CN-GX';

/** Anything clocks and timers can look calendars up in. */
export interface CalendarSource {
  /** @throws {@link UnknownCalendarError} for a name it does not have. */
  getCalendar(name: string): WorkCalendar;
}

/**
 * Named calendars. Immutable: `with` and `withOverlay` return a new registry, so a running case
 * never sees its calendars change under it. {@link defaultCalendarRegistry} has `CN` and `CN-GX`.
 */
export class CalendarRegistry implements CalendarSource {
  private readonly byName: ReadonlyMap<string, WorkCalendar>;

  constructor(calendars: Iterable<WorkCalendar> = []) {
    const byName = new Map<string, WorkCalendar>();
    for (const calendar of calendars) byName.set(calendar.name, calendar);
    this.byName = byName;
  }

  /** The calendar called `name`. @throws {@link UnknownCalendarError} */
  getCalendar(name: string): WorkCalendar {
    const calendar = this.byName.get(name);
    if (calendar === undefined) throw new UnknownCalendarError(name, this.names());
    return calendar;
  }

  /** Whether a calendar called `name` is registered. */
  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** Registered names, sorted. */
  names(): string[] {
    return [...this.byName.keys()].sort();
  }

  /** A registry with `calendar` added (replacing one of the same name). */
  with(calendar: WorkCalendar): CalendarRegistry {
    return new CalendarRegistry([...this.byName.values(), calendar]);
  }

  /**
   * A registry with an overlay's calendar added. `overlay` is a checked {@link CalendarOverlay}, a
   * parsed JSON value, or JSON text (e.g. read from an agency's file). An overlay named like the
   * calendar it extends amends that calendar in place: e.g. `{ "name": "CN", "extends": "CN",
   * "lastYear": 2027, … }` gives every model counting on `CN` next year's notice before the package
   * has it, without touching the models (their hashes stay). Calendars derived earlier from the
   * amended one (such as `CN-GX`) keep their own days; amend them too.
   * @throws {@link CalendarOverlayError} for a malformed overlay, {@link UnknownCalendarError} when
   * it extends a calendar that is not registered.
   */
  withOverlay(overlay: unknown, source?: string): CalendarRegistry {
    const checked =
      typeof overlay === 'string'
        ? parseCalendarOverlayJson(overlay, source)
        : parseCalendarOverlay(overlay, source);
    return this.with(this.getCalendar(checked.extends).derive(checked));
  }
}

/** 壮族三月三: lunar 3rd month, days 3 and 4, off in 广西 every year the base covers. */
function guangxiSanyuesan(base: WorkCalendar): Record<string, string> {
  const holidays: Record<string, string> = {};
  for (let year = base.firstYear; year <= base.lastYear; year++) {
    for (const day of [3, 4]) {
      const date = solarDateOfLunar(year, 3, day);
      // A day the State Council already gave off keeps its national name.
      if (date !== null && !Object.hasOwn(base.data.holidays, date)) holidays[date] = '壮族三月三';
    }
  }
  return holidays;
}

/** Builds the mainland calendar `CN` from the official data package. */
export function mainlandCalendar(): WorkCalendar {
  return new WorkCalendar({
    name: MAINLAND_CALENDAR,
    description: '中国大陆 (State Council General Office holiday notices)',
    data: officialMainlandData(),
  });
}

/** Derives `CN-GX` (广西): `base` plus 壮族三月三 (lunar 3/3 and 3/4) as days off. */
export function guangxiCalendar(base: WorkCalendar = mainlandCalendar()): WorkCalendar {
  return base.derive({
    name: GUANGXI_CALENDAR,
    description: '广西壮族自治区: mainland plus 壮族三月三 (lunar 3/3–3/4); load yearly 调休 as an overlay',
    holidays: guangxiSanyuesan(base),
  });
}

let defaults: CalendarRegistry | undefined;

/** The default registry: `CN` and `CN-GX`, built once on first use. */
export function defaultCalendarRegistry(): CalendarRegistry {
  if (defaults === undefined) {
    const cn = mainlandCalendar();
    defaults = new CalendarRegistry([cn, guangxiCalendar(cn)]);
  }
  return defaults;
}

/** The calendar `name` from the default registry. @throws {@link UnknownCalendarError} */
export function getCalendar(name: string): WorkCalendar {
  return defaultCalendarRegistry().getCalendar(name);
}
