import { resumeClock, suspendClock } from '../clock/index.js';
import { type CaseStatus, isLiveStatus } from '../model/case.js';
import type { ClockState } from '../model/clock.js';
import type { CaseContext } from '../model/context.js';
import type { Instant } from '../model/time.js';
import { CASE_CLOCK } from './schedule.js';

/** Why a clock is stopped, as recorded on its suspension (`kind`). */
type StopReason = {
  readonly kind: '挂起' | '特别程序' | '补正' | '退回';
  readonly reason: string;
  readonly actor: string;
};

function openKind(clock: ClockState): string | null {
  const last = clock.suspensions.at(-1);
  return last !== undefined && last.to === null ? (last.kind ?? '') : null;
}

/** Whatever stops the case clock now, by precedence; null when it should run. */
function caseStop(context: CaseContext): StopReason | null {
  if (context.suspended)
    return { kind: '挂起', reason: context.suspended.reason, actor: context.suspended.actor };
  if (context.supplement)
    return { kind: '补正', reason: context.supplement.reason, actor: context.supplement.department };
  if (context.returned)
    return { kind: '退回', reason: context.returned.reason, actor: context.returned.department };
  // A parallel case's own clock stops only while none of its departments' clocks runs: every
  // open user task is in 特别程序 (as deployed 工程建设项目审批 systems do).
  const open = Object.values(context.tasks).filter((t) => t.kind === 'user');
  if (open.length > 0 && open.every((t) => context.special[t.id] !== undefined)) {
    const first = context.special[open[0]!.id]!;
    return { kind: '特别程序', reason: first.reason, actor: open[0]!.department ?? '' };
  }
  return null;
}

function taskStop(context: CaseContext, taskId: string): StopReason | null {
  if (context.suspended)
    return { kind: '挂起', reason: context.suspended.reason, actor: context.suspended.actor };
  const special = context.special[taskId];
  if (special)
    return { kind: '特别程序', reason: special.reason, actor: context.tasks[taskId]?.department ?? '' };
  const supplement = context.supplement;
  if (supplement?.taskId === taskId)
    return { kind: '补正', reason: supplement.reason, actor: supplement.department };
  return null;
}

/**
 * Ends a pending 补正 that no longer has anyone waiting for it, with `supplement.cancelled`: the
 * applicant and supervisors see that the request is void, not a silent refusal of the materials.
 */
function endSupplement(context: CaseContext, cause: 'taskCancelled' | 'caseEnded', now: Instant): void {
  const supplement = context.supplement;
  if (!supplement) return;
  context.supplement = null;
  context.out.push({
    type: 'supplement.cancelled',
    at: now,
    caseId: context.caseId,
    elementId: supplement.elementId,
    taskId: supplement.taskId,
    department: supplement.department,
    data: { cause, reason: supplement.reason, items: [...supplement.items], waited: now - supplement.at },
  });
}

/**
 * Brings every running clock in line with what should stop it: 挂起 of the case stops them all,
 * 特别程序 stops its task's clock (and the case clock when no task's clock runs), 补正 stops the
 * case clock and the requesting task's clock, a case sent back to the applicant stops the case
 * clock. One rule, applied after every command, so the clocks cannot drift from the case's state.
 * Clocks that change are added to `touched`, so their lights are recomputed.
 */
export function reconcileClocks(
  context: CaseContext,
  status: CaseStatus,
  now: Instant,
  touched: Set<string>,
): void {
  if (!isLiveStatus(status)) {
    if (context.supplement) endSupplement(context, 'caseEnded', now);
    return;
  }
  for (const taskId of Object.keys(context.special))
    if (!context.tasks[taskId]) delete context.special[taskId];
  if (context.supplement && !context.tasks[context.supplement.taskId] && !context.returned) {
    // The requesting task is gone (cancelled by a jump, a rejection elsewhere, its stage's
    // completion condition, a timer): the request lapses, on the record.
    endSupplement(context, 'taskCancelled', now);
  }
  for (const [key, clock] of Object.entries(context.clocks)) {
    if (clock.stoppedAt !== null) continue;
    const wanted = key === CASE_CLOCK ? caseStop(context) : taskStop(context, key);
    const current = openKind(clock);
    if ((wanted?.kind ?? null) === current) continue;
    let next = clock;
    if (current !== null) next = resumeClock(next, now);
    if (wanted !== null) next = suspendClock(next, now, wanted.reason, wanted.actor, wanted.kind);
    context.clocks[key] = next;
    touched.add(key);
  }
}
