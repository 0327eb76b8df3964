import type { CaseSnapshot, Instant } from '@tongban/engine';

/**
 * How far behind a case's last change this runtime's clock may be and still stamp a command.
 * Several processes share one database, each stamping commands with its own clock; NTP keeps hosts
 * within milliseconds of each other, but not exactly together. A command a host stamps a little
 * before the last change another host wrote is stamped at that change, so skew never refuses a
 * command; a clock further behind than this is wrong, and `step` refuses it (`BEFORE_LAST_EVENT`).
 */
export const CLOCK_SKEW_TOLERANCE_MS = 2_000;

/** The instant a command is stamped with: the clock's reading, raised to the case's last change when the clock is only a little behind it. */
export function commandInstant(clockReading: Instant, snapshot: CaseSnapshot | null): Instant {
  if (snapshot === null) return clockReading;
  const last = snapshot.updatedAt ?? snapshot.startedAt;
  const behind = last - clockReading;
  return behind > 0 && behind <= CLOCK_SKEW_TOLERANCE_MS ? last : clockReading;
}
