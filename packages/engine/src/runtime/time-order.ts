import { DateTime } from 'luxon';
import type { CaseSnapshot } from '../model/snapshot.js';
import type { Instant } from '../model/time.js';
import { CommandError } from './command-error.js';

/**
 * Refuses a command stamped before the case last changed. Time only moves forward in a case: a
 * task "completed" before it was opened would be counted as early, and a clock run backwards. The
 * bound is the instant of the last command applied (`updatedAt`; snapshots written before it was
 * kept fall back to `startedAt`). The same instant is fine: two commands can share a millisecond.
 */
export function timeOrderProblem(snapshot: CaseSnapshot, now: Instant): CommandError | null {
  const last = snapshot.updatedAt ?? snapshot.startedAt;
  if (now >= last) return null;
  return new CommandError(
    'BEFORE_LAST_EVENT',
    `The command is stamped ${beijing(now)}, before case ${snapshot.caseId} last changed (${beijing(last)}): time only moves forward in a case. Send it with the time it actually happened, which cannot be before ${beijing(last)}.`,
    { caseId: snapshot.caseId },
  );
}

const beijing = (at: Instant): string =>
  DateTime.fromMillis(at, { zone: 'Asia/Shanghai' }).toISO({ suppressMilliseconds: true }) ?? String(at);
