/** Units a time limit can be counted in. Working days are the default (行政许可法 Art. 82). */
export type TimeUnit = 'workingDays' | 'naturalDays' | 'hours' | 'workingHours';

/** A time limit such as 承诺办结时限 “20 working days”. */
export interface TimeLimit {
  readonly amount: number;
  readonly unit: TimeUnit;
}

/**
 * When a light turns yellow: when the remaining time falls to `amount` of `unit`
 * (e.g. 1 working day), or to a `share` of the whole limit (e.g. 0.2 = the last fifth).
 */
export type WarningThreshold =
  | { readonly kind: 'absolute'; readonly amount: number; readonly unit: TimeUnit }
  | { readonly kind: 'share'; readonly share: number };

/** An instant, as milliseconds since the Unix epoch (UTC). Plain numbers keep snapshots JSON. */
export type Instant = number;

/** A civil date in a calendar's zone, `YYYY-MM-DD`. */
export type CivilDate = string;
