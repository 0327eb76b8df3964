import { UsageError } from '../usage-error.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A `--from`/`--to` value as an instant: a civil date `YYYY-MM-DD` is a Beijing day (its start, or
 * for an inclusive end its end); anything else must be an ISO instant with an offset.
 */
export function parseBoundary(value: string, name: string, end: boolean): number {
  if (DATE.test(value)) {
    const start = Date.parse(`${value}T00:00:00+08:00`);
    if (Number.isNaN(start)) throw new UsageError(`${name}: ${value} is not a date`);
    return end ? start + 86_400_000 : start;
  }
  const at = Date.parse(value);
  if (Number.isNaN(at) || !/(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
    throw new UsageError(
      `${name}: give a date (YYYY-MM-DD, Beijing) or an ISO instant with an offset, got ${value}`,
    );
  }
  return at;
}
