import type { Actor } from '../model/case.js';
import type { Variables } from '../model/json.js';
import type { OperationCommand } from './operation-commands.js';
import type { SupervisionCommand } from './supervision-commands.js';

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
