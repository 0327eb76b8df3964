// The official mainland data comes from the `chinese-days` package's generated JSON. We read its
// raw date strings only: the package's own date functions go through the host's local time and
// give wrong answers west of UTC. Why this package: see docs/time-rules.md.
import raw from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { CalendarData } from './calendar-data.js';
import { isCivilDate } from './civil-date.js';
import { CalendarOverlayError } from './errors.js';

/** Name and version of the package the official data comes from. */
export const OFFICIAL_DATA_SOURCE = 'chinese-days@1.5.7';

function names(table: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [date, value] of Object.entries(table)) {
    if (!isCivilDate(date)) {
      throw new CalendarOverlayError(`${OFFICIAL_DATA_SOURCE} lists '${date}', which is not a civil date.`);
    }
    // `English name,中文名,days` → 中文名
    out[date] = value.split(',')[1] ?? value;
  }
  return out;
}

function coveredYears(holidays: Record<string, string>): { firstYear: number; lastYear: number } {
  const years = new Set(Object.keys(holidays).map((date) => Number(date.slice(0, 4))));
  const firstYear = Math.min(...years);
  const lastYear = Math.max(...years);
  for (let year = firstYear; year <= lastYear; year++) {
    // Every year has statutory holidays; a year without any means a gap in the data.
    if (!years.has(year)) {
      throw new CalendarOverlayError(
        `${OFFICIAL_DATA_SOURCE} has no holidays for ${year}: its data has a gap.`,
      );
    }
  }
  return { firstYear, lastYear };
}

let cached: CalendarData | undefined;

/**
 * Mainland China's official working-day data (国务院办公厅 holiday notices), every year the data
 * package covers. Built once and frozen.
 */
export function officialMainlandData(): CalendarData {
  if (cached === undefined) {
    const holidays = names(raw.holidays);
    const workdays = names(raw.workdays);
    cached = Object.freeze({
      ...coveredYears(holidays),
      holidays: Object.freeze(holidays),
      workdays: Object.freeze(workdays),
    });
  }
  return cached;
}
