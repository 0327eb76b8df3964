import type { DepartmentRole, TaskHandler } from './process.js';
import type { Instant } from './time.js';

/** Who issued a command: a person in a department, the applicant, a supervisor, or the system. */
export interface Actor {
  readonly id: string;
  /** The staff member's department: they act for it only (a command for another is `FORBIDDEN`). */
  readonly department?: string;
  /**
   * `officer`: an authorised officer (挂起/激活 of a whole case); `admin`: may move a case (跳转).
   * Absent: staff. Who may give which command: `WHO_MAY`.
   */
  readonly kind?: 'staff' | 'applicant' | 'supervisor' | 'officer' | 'admin' | 'system';
}

/** Every life-cycle status of a case, live ones first (for validators, filters and schemas). */
export const CASE_STATUSES = [
  'pending',
  'running',
  'suspended',
  'returned',
  'completed',
  'terminated',
  'withdrawn',
  'refused',
  'failed',
] as const;

/** Life-cycle status of a case. */
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Whether a case with this status can still change (every other status is final). */
export function isLiveStatus(status: CaseStatus): boolean {
  return status === 'pending' || status === 'running' || status === 'suspended' || status === 'returned';
}

/** An open (or service) task as held in the case snapshot. */
export interface TaskRecord {
  readonly id: string;
  readonly elementId: string;
  readonly name: string | null;
  readonly kind: 'user' | 'service';
  /** Department that must complete it; null for service tasks. */
  readonly department: string | null;
  readonly role: DepartmentRole | null;
  readonly openedAt: Instant;
  /** Task deadline (end of its last working day, exclusive), when the task has a limit. */
  readonly dueAt: Instant | null;
  /** For multi-instance tasks: which instance of how many. */
  readonly instance: { readonly index: number; readonly of: number } | null;
  /** Service tasks: the host handler to call. */
  readonly handler: string | null;
  /** 委派: the person handling it for the department, until they hand it back. */
  readonly delegatedTo?: string | null;
  /** 转办: the department it was transferred from, most recent first. */
  readonly transferredFrom?: readonly string[];
  /** `tb:claim="one"`: the handler who claimed it (签收); only they may act on it. */
  readonly claimedBy?: string;
  /** Handlers named at run time (`assignHandlers`), replacing the model's `tb:handlers`. */
  readonly handlers?: readonly TaskHandler[];
  /** Signatures so far on a task with a decision mode, in order. */
  readonly signs?: readonly TaskSign[];
}

/** One handler's signature on a department's task (或签, 会签, 票签, 依次). */
export interface TaskSign {
  readonly by: string;
  readonly outcome: string;
  readonly at: Instant;
  readonly opinion?: string;
}

/**
 * What a timer is for. `bpmn`: a timer event; `light`: a light change (yellow/red) of a clock;
 * `supervision`: a 督办's reply deadline.
 */
export type TimerPurpose = 'bpmn' | 'light' | 'supervision';

/** A timer the case wants fired at `dueAt`. The runtime fires it with a `fireTimer` command. */
export interface TimerRecord {
  readonly id: string;
  readonly dueAt: Instant;
  readonly purpose: TimerPurpose;
  /** The BPMN element (timer event, or task whose clock this light belongs to). */
  readonly elementId: string | null;
}

/** Timers to schedule and cancel after a step. */
export interface TimerChanges {
  readonly set: readonly TimerRecord[];
  readonly cancel: readonly string[];
}
