import type { DepartmentRole, TaskHandler } from '../model/process.js';
import type { Instant } from '../model/time.js';
import type { OperationCommand } from './operation-commands.js';
import type { SupervisionCommand } from './supervision-commands.js';

/** JSON values: what case variables and snapshots are made of. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Case variables (流程变量): conditions are evaluated over these. */
export type Variables = Record<string, JsonValue>;

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

/** Commands the pure runtime accepts. Each is validated; one that does not apply is refused. */
export type Command =
  | StartCommand
  | CompleteTaskCommand
  | MessageCommand
  | FireTimerCommand
  | CompleteServiceCommand
  | FailServiceCommand
  | WithdrawCommand
  | OperationCommand
  | SupervisionCommand;

/** 受理: start a case. The case clock starts now; today does not count. */
export interface StartCommand {
  readonly type: 'start';
  readonly caseId: string;
  readonly variables?: Variables;
  /** Co-handling departments (协办部门) for multi-instance tasks that read `coDepartments`. */
  readonly coDepartments?: readonly string[];
  /**
   * `accepted` (default): the case is accepted (受理) now. `pending`: it is only registered (收件)
   * and waits for `accept` or `refuseIntake`; no clock runs until it is accepted.
   */
  readonly intake?: 'accepted' | 'pending';
  readonly actor?: Actor;
}

/** A department completes its open task with an outcome (e.g. `approve` / `reject`) and opinion. */
export interface CompleteTaskCommand {
  readonly type: 'completeTask';
  readonly taskId: string;
  readonly department: string;
  readonly outcome?: string;
  readonly opinion?: string;
  readonly variables?: Variables;
  readonly actor?: Actor;
}

/** A message arrives for the case (e.g. `补正材料` received). */
export interface MessageCommand {
  readonly type: 'message';
  readonly name: string;
  readonly variables?: Variables;
  readonly actor?: Actor;
}

/** A timer the case set has fallen due. Sent by the runtime's timer queue or worker. */
export interface FireTimerCommand {
  readonly type: 'fireTimer';
  readonly timerId: string;
}

/** The host's handler for a service task has finished. */
export interface CompleteServiceCommand {
  readonly type: 'completeService';
  readonly taskId: string;
  readonly variables?: Variables;
}

/** The host's handler for a service task failed with a BPMN error code (caught by an error boundary). */
export interface FailServiceCommand {
  readonly type: 'failService';
  readonly taskId: string;
  readonly errorCode: string;
  readonly message?: string;
}

/** 撤回 by the applicant: every open task is cancelled and the case ends as withdrawn. */
export interface WithdrawCommand {
  readonly type: 'withdraw';
  readonly reason?: string;
  readonly actor?: Actor;
}

/** Life-cycle status of a case. */
export type CaseStatus =
  | 'pending'
  | 'running'
  | 'suspended'
  | 'returned'
  | 'completed'
  | 'terminated'
  | 'withdrawn'
  | 'refused'
  | 'failed';

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
