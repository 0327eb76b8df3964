import type { Actor } from '../model/case.js';
import type { Variables } from '../model/json.js';
import type { TimeLimit } from '../model/time.js';

/**
 * Approval operations on running cases (issue 7): each is a command through the one `step` path,
 * recorded with who and why. Semantics, events, clock effects and permissions: docs/case-operations/.
 */
export type OperationCommand =
  | AcceptCommand
  | RefuseIntakeCommand
  | SuspendCaseCommand
  | ResumeCaseCommand
  | SpecialProcedureCommand
  | EndSpecialProcedureCommand
  | RequestSupplementCommand
  | SupplyCommand
  | TransferTaskCommand
  | DelegateTaskCommand
  | AddSignerCommand
  | RemoveSignerCommand
  | RejectCommand
  | ResubmitCommand
  | JumpCommand
  | CopyToCommand
  | ExtendCommand
  | RecallCommand
  | ClaimTaskCommand
  | UnclaimTaskCommand
  | SignTaskCommand
  | AssignHandlersCommand;

/** 受理 of a case registered with `intake: 'pending'`: the case clock starts now. */
export interface AcceptCommand {
  readonly type: 'accept';
  readonly actor: Actor;
  readonly opinion?: string;
}

/** 不予受理: the case ends without a clock (status `refused`). */
export interface RefuseIntakeCommand {
  readonly type: 'refuseIntake';
  readonly actor: Actor;
  readonly reason: string;
}

/** 挂起 a whole case (authorised officer): every clock stops until {@link ResumeCaseCommand}. */
export interface SuspendCaseCommand {
  readonly type: 'suspendCase';
  readonly actor: Actor;
  readonly reason: string;
}

/** 激活: resume a suspended case. */
export interface ResumeCaseCommand {
  readonly type: 'resumeCase';
  readonly actor: Actor;
  readonly reason?: string;
}

/**
 * 特别程序 (行政许可法 Art. 45: 听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审) on one task:
 * its clock stops; the case clock stops only while no open task's clock runs.
 */
export interface SpecialProcedureCommand {
  readonly type: 'startSpecialProcedure';
  readonly taskId: string;
  readonly department: string;
  /** GB/T 39046 特别程序种类 code or name, e.g. `专家评审`. */
  readonly kind: string;
  readonly reason: string;
  readonly actor?: Actor;
}

export interface EndSpecialProcedureCommand {
  readonly type: 'endSpecialProcedure';
  readonly taskId: string;
  readonly department: string;
  readonly result?: string;
  readonly actor?: Actor;
}

/** 补正: a department asks the applicant for materials. The case clock and that task's clock stop. */
export interface RequestSupplementCommand {
  readonly type: 'requestSupplement';
  readonly taskId: string;
  readonly department: string;
  readonly reason: string;
  /** The materials asked for, in one notice (Art. 32). */
  readonly items?: readonly string[];
  readonly actor?: Actor;
}

/** The applicant supplies the materials: clocks run again; see the matter's `supplementMode`. */
export interface SupplyCommand {
  readonly type: 'supply';
  readonly variables?: Variables;
  readonly actor?: Actor;
}

/** 转办: the task moves to another department; its deadline, light and responsibility move with it. */
export interface TransferTaskCommand {
  readonly type: 'transferTask';
  readonly taskId: string;
  readonly department: string;
  readonly to: string;
  readonly reason: string;
  readonly actor?: Actor;
}

/** 委派: a person handles the task for its department, then it comes back to the department. */
export interface DelegateTaskCommand {
  readonly type: 'delegateTask';
  readonly taskId: string;
  readonly department: string;
  /** The person (actor id) the task is delegated to. */
  readonly to: string;
  readonly reason?: string;
  readonly actor?: Actor;
}

/** 加签: one more co-handling department joins a running multi-instance task. */
export interface AddSignerCommand {
  readonly type: 'addSigner';
  /** The multi-instance task's BPMN element id. */
  readonly elementId: string;
  readonly department: string;
  /** Default: the stage's remaining time (the new task is due with its siblings). */
  readonly limit?: TimeLimit;
  readonly reason: string;
  readonly actor?: Actor;
}

/** 减签: a co-handling department leaves a running multi-instance task. */
export interface RemoveSignerCommand {
  readonly type: 'removeSigner';
  readonly taskId: string;
  readonly reason: string;
  readonly actor?: Actor;
}

/**
 * 驳回 / 退回 by a department. `veto` (一票否决) closes every task of the stage at once and sends
 * the case back; the default comes from the matter (`tb:rejectMode`).
 */
export interface RejectCommand {
  readonly type: 'reject';
  readonly taskId: string;
  readonly department: string;
  readonly reason: string;
  /** Where the case goes: the previous step, a named step (element id), or the applicant. */
  readonly to: 'previous' | 'applicant' | { readonly elementId: string };
  readonly actor?: Actor;
}

/**
 * The applicant resubmits a case sent back to them. `restart` (default) walks the stage again from
 * its start; `direct` returns straight to the department that rejected it, the other branches'
 * answers standing.
 */
export interface ResubmitCommand {
  readonly type: 'resubmit';
  readonly mode?: 'restart' | 'direct';
  readonly variables?: Variables;
  readonly actor?: Actor;
}

/** 跳转: an administrator moves the case to a step; everything open elsewhere is cancelled. Audited. */
export interface JumpCommand {
  readonly type: 'jump';
  readonly elementId: string;
  readonly reason: string;
  readonly actor: Actor;
}

/** 抄送: copy a task or the case to departments for information; no action is required of them. */
export interface CopyToCommand {
  readonly type: 'copyTo';
  readonly departments: readonly string[];
  readonly taskId?: string;
  readonly note?: string;
  readonly actor?: Actor;
}

/**
 * 延期 (行政许可法 Art. 42): more working days for the case (or one task), approved by the agency
 * head (¶1: 10) or the government head for joint handling (¶2: 15). The matter's
 * `tb:extensionCap` caps the total.
 */
export interface ExtendCommand {
  readonly type: 'extend';
  readonly days: number;
  readonly reason: string;
  /** Who approved it; an officer or administrator. */
  readonly actor: Actor;
  /** Extend this task's clock instead of the case's. */
  readonly taskId?: string;
}

/**
 * 撤回 / 拿回: the department (and, when a person completed it, that person) pulls a completed task
 * back while every task its completion opened is untouched. Name the completion by the completed
 * task's id, or by its element id (the latest recallable completion of that element by the
 * department). The tasks it opened are cancelled and the task reopens with its department,
 * assignee, signatures and clock as they stood. See docs/case-operations/recall.md.
 */
export interface RecallCommand {
  readonly type: 'recall';
  readonly taskId?: string;
  readonly elementId?: string;
  readonly department: string;
  readonly reason: string;
  readonly actor?: Actor;
}

/** 签收: a handler claims a `tb:claim="one"` task; only they may act on it until they release it. */
export interface ClaimTaskCommand {
  readonly type: 'claimTask';
  readonly taskId: string;
  readonly department: string;
  readonly actor: Actor;
}

/** Releases a claimed task (the claimant, or an officer or administrator). */
export interface UnclaimTaskCommand {
  readonly type: 'unclaimTask';
  readonly taskId: string;
  readonly department: string;
  readonly reason?: string;
  readonly actor: Actor;
}

/**
 * One handler's signature on a task with a decision mode (或签, 会签, 票签, 依次). The task completes
 * with the department's outcome only when the mode says it is decided. `outcome` is `approve` or
 * `reject` (any outcome for `any`).
 */
export interface SignTaskCommand {
  readonly type: 'signTask';
  readonly taskId: string;
  readonly department: string;
  readonly outcome: string;
  readonly opinion?: string;
  readonly actor: Actor;
}

/**
 * The department names who signs its task at run time (when the model has no `tb:handlers`, or to
 * change them before anyone has signed or claimed). Order matters for 依次; weights for 票签.
 */
export interface AssignHandlersCommand {
  readonly type: 'assignHandlers';
  readonly taskId: string;
  readonly department: string;
  readonly handlers: readonly (string | { readonly id: string; readonly weight?: number })[];
  readonly reason?: string;
  readonly actor?: Actor;
}
