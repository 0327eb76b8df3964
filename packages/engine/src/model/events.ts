import type { JsonValue } from './json.js';
import type { DepartmentRole } from './process.js';
import type { Instant } from './time.js';

/**
 * Every event type a case produces, in the order they can occur. The full list with payloads is in
 * docs/events.md; stores persist them append-only and supervision hooks are fed from them.
 */
export type CaseEventType =
  | 'case.registered'
  | 'case.started'
  | 'case.refused'
  | 'case.suspended'
  | 'case.resumed'
  | 'case.resubmitted'
  | 'case.jumped'
  | 'case.copied'
  | 'task.specialProcedureStarted'
  | 'task.specialProcedureEnded'
  | 'supplement.requested'
  | 'supplement.supplied'
  | 'supplement.cancelled'
  | 'task.transferred'
  | 'task.delegated'
  | 'task.delegationReturned'
  | 'task.rejected'
  | 'task.recalled'
  | 'task.claimed'
  | 'task.unclaimed'
  | 'task.handlersAssigned'
  | 'task.signed'
  | 'task.decided'
  | 'task.timedOut'
  | 'case.extended'
  | 'task.extended'
  | 'task.urged'
  | 'case.supervised'
  | 'supervision.answered'
  | 'supervision.overdue'
  | 'case.completed'
  | 'case.terminated'
  | 'case.failed'
  | 'case.withdrawn'
  | 'task.opened'
  | 'task.completed'
  | 'task.cancelled'
  | 'service.requested'
  | 'service.completed'
  | 'service.failed'
  | 'timer.set'
  | 'timer.fired'
  | 'timer.cancelled'
  | 'message.received'
  | 'gateway.taken'
  | 'error.raised'
  | 'light.changed';

/** One thing that happened to a case, stamped with the instant of the command that caused it. */
export interface CaseEvent {
  readonly type: CaseEventType;
  readonly at: Instant;
  readonly caseId: string;
  /** The BPMN element the event is about, if any. */
  readonly elementId?: string | null;
  readonly taskId?: string;
  readonly department?: string | null;
  readonly role?: DepartmentRole | null;
  /** Event-specific details (outcome, opinion, due, light, message name, variables …). */
  readonly data?: Readonly<Record<string, JsonValue>>;
}
