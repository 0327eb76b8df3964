import type { TimeLimit, TimeUnit, WarningThreshold } from '../model/time.js';
import type { DiagnosticSink } from './diagnostic-sink.js';

const TIME_UNITS: readonly TimeUnit[] = ['workingDays', 'naturalDays', 'hours', 'workingHours'];
const DAY_UNITS: readonly TimeUnit[] = ['workingDays', 'naturalDays'];
const DECIMAL = /^\d+(?:\.\d+)?$/;

/**
 * The longest limit Tongban takes, per unit: ten years. Legal limits are weeks or months; a limit
 * of millions of days is a typo, and counting it would run far past the calendar data.
 */
export const MAX_LIMIT: Readonly<Record<TimeUnit, number>> = {
  workingDays: 3650,
  naturalDays: 3650,
  hours: 3650 * 24,
  workingHours: 3650 * 24,
};

/** Where a time attribute pair sits, for diagnostics: `tb:timeLimit` + `tb:timeLimitUnit` on element `id`. */
export interface TimeAttributeSite {
  readonly elementId: string;
  /** Attribute name without prefix, e.g. `timeLimit`; the unit attribute is this name plus `Unit`. */
  readonly attribute: string;
  readonly sink: DiagnosticSink;
}

function parseUnit(raw: string | null, site: TimeAttributeSite): TimeUnit | undefined {
  if (raw === null) return 'workingDays';
  const unit = TIME_UNITS.find((candidate) => candidate === raw);
  if (unit === undefined) {
    site.sink.error(
      site.elementId,
      'BAD_TIME_LIMIT',
      `tb:${site.attribute}Unit="${raw}" is not a time unit; use one of ${TIME_UNITS.join(', ')} (default workingDays).`,
    );
  }
  return unit;
}

function parseAmount(raw: string, unit: TimeUnit, site: TimeAttributeSite): number | undefined {
  const amount = DECIMAL.test(raw) ? Number(raw) : Number.NaN;
  const whole = !DAY_UNITS.includes(unit) || Number.isInteger(amount);
  if (Number.isFinite(amount) && amount > 0 && whole) {
    if (amount <= MAX_LIMIT[unit]) return amount;
    site.sink.error(
      site.elementId,
      'BAD_TIME_LIMIT',
      `tb:${site.attribute}="${raw}" ${unit} is longer than Tongban's maximum of ${MAX_LIMIT[unit]} ${unit} (ten years); check the number and its unit.`,
    );
    return undefined;
  }
  const expected = DAY_UNITS.includes(unit)
    ? 'a whole number of days greater than 0'
    : 'a number greater than 0';
  site.sink.error(
    site.elementId,
    'BAD_TIME_LIMIT',
    `tb:${site.attribute}="${raw}" is not a valid limit in ${unit}; write ${expected}, e.g. tb:${site.attribute}="20".`,
  );
  return undefined;
}

/** Reads an amount + unit attribute pair; null when absent or invalid (invalid also reports an error). */
export function parseTimeLimit(
  amountRaw: string | null,
  unitRaw: string | null,
  site: TimeAttributeSite,
): TimeLimit | null {
  if (amountRaw === null) {
    if (unitRaw !== null) {
      site.sink.warning(
        site.elementId,
        'BAD_TIME_LIMIT',
        `tb:${site.attribute}Unit is set but tb:${site.attribute} is not; the unit is ignored.`,
      );
    }
    return null;
  }
  const unit = parseUnit(unitRaw, site);
  if (unit === undefined) return null;
  const amount = parseAmount(amountRaw, unit, site);
  return amount === undefined ? null : { amount, unit };
}

/**
 * Reads a warning threshold: a share such as `20%` (the last fifth of the limit), or an amount with
 * `tb:warningUnit`, e.g. `1` working day before the deadline.
 */
export function parseWarning(
  raw: string | null,
  unitRaw: string | null,
  site: TimeAttributeSite,
): WarningThreshold | null {
  if (raw === null || !raw.endsWith('%')) {
    const limit = parseTimeLimit(raw, unitRaw, site);
    return limit === null ? null : { kind: 'absolute', amount: limit.amount, unit: limit.unit };
  }
  const percent = raw.slice(0, -1).trim();
  const share = DECIMAL.test(percent) ? Number(percent) / 100 : Number.NaN;
  if (share > 0 && share < 1) {
    if (unitRaw !== null) {
      site.sink.warning(
        site.elementId,
        'BAD_TIME_LIMIT',
        `tb:${site.attribute}Unit is ignored when tb:${site.attribute} is a share ("${raw}").`,
      );
    }
    return { kind: 'share', share };
  }
  site.sink.error(
    site.elementId,
    'BAD_TIME_LIMIT',
    `tb:${site.attribute}="${raw}" is not a valid share; write a percentage between 0% and 100%, e.g. "20%".`,
  );
  return null;
}

/** Whether `a` is certainly longer than `b` (only comparable in the same unit). */
export function exceeds(a: TimeLimit, b: TimeLimit): boolean {
  return a.unit === b.unit && a.amount > b.amount;
}

/** Hours in one amount of a unit, where that is fixed (working time depends on the calendar). */
const FIXED_HOURS: Partial<Record<TimeUnit, number>> = { naturalDays: 24, hours: 1 };

/** Whether threshold `warning` is certainly not shorter than `limit`, so the light is yellow at once. */
function warningCoversLimit(warning: WarningThreshold, limit: TimeLimit): boolean {
  if (warning.kind !== 'absolute') return false;
  if (warning.unit === limit.unit) return warning.amount >= limit.amount;
  const warningHours = FIXED_HOURS[warning.unit];
  const limitHours = FIXED_HOURS[limit.unit];
  return (
    warningHours !== undefined &&
    limitHours !== undefined &&
    warning.amount * warningHours >= limit.amount * limitHours
  );
}

/**
 * Refuses a warning threshold as long as the limit it warns about (e.g. warn 30 days before a
 * 20-day limit): the light would be yellow from acceptance, which is never what was meant.
 */
export function checkWarningWithinLimit(
  warning: WarningThreshold | null,
  limit: TimeLimit | null,
  site: TimeAttributeSite,
): void {
  if (warning === null || limit === null || !warningCoversLimit(warning, limit)) return;
  if (warning.kind !== 'absolute') return;
  site.sink.error(
    site.elementId,
    'BAD_TIME_LIMIT',
    `tb:${site.attribute}="${warning.amount}" ${warning.unit} is not shorter than the limit it warns about (${limit.amount} ${limit.unit}), so the light would be yellow from the start: warn a shorter time before the deadline, e.g. 1 working day or "20%".`,
  );
}
