import type { TongbanError } from '../errors.js';

/** A page's size and start, checked; `refuse` makes the query's own typed error. */
export function checkedPage(
  query: { readonly limit?: number; readonly offset?: number },
  max: number,
  refuse: (message: string) => TongbanError,
): { limit: number; offset: number } {
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > max)
    throw refuse(`limit must be an integer from 1 to ${max}, not ${limit}`);
  if (!Number.isInteger(offset) || offset < 0)
    throw refuse(`offset must be a non-negative integer, not ${offset}`);
  return { limit, offset };
}

/** A filter given as one value or a list, as a list (null: no filter). */
export function oneOrMany<T extends string>(value: T | readonly T[] | undefined): readonly T[] | null {
  return value === undefined ? null : typeof value === 'string' ? [value] : (value as readonly T[]);
}
