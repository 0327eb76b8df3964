import type { CaseEventType } from './events.js';
import type { SupervisionKind } from './supervision-kind.js';

/** What the engine, the statistics and the stores make of one event type. */
export interface EventTraits {
  /** What happened, in one line (docs/events.md prints it). */
  readonly summary: string;
  /** Whether it is about one task (with `taskId`, `department`, `role`) or about the case. */
  readonly about: 'case' | 'task';
  /**
   * After it no earlier completion can be recalled (撤回): the flow was reset, or moved on its own
   * (`settleRecalls`).
   */
  readonly resetsRecall: boolean;
  /** A next handler's act on a downstream task: after it, the upstream completion stands (撤回). */
  readonly actsOnTask: boolean;
  /** It stops a clock (`starts`: 挂起, 特别程序, 补正) or lets it run again (`ends`); statistics count the starts. */
  readonly suspension: 'starts' | 'ends' | null;
  /** A 延期: statistics count it. */
  readonly extension: boolean;
  /** It closes the case clock (its last one in a step carries the clock's closing record). */
  readonly endsCase: boolean;
  /** The supervision hook kind it feeds, or null when supervisors do not watch it. */
  readonly supervisionKind: SupervisionKind | null;
  /** It closes its task, which stores then record as `completed`, `cancelled` or `failed`. */
  readonly closesTask: 'completed' | 'cancelled' | 'failed' | null;
}

const PLAIN: Omit<EventTraits, 'summary' | 'about'> = {
  resetsRecall: false,
  actsOnTask: false,
  suspension: null,
  extension: false,
  endsCase: false,
  supervisionKind: null,
  closesTask: null,
};
const caseEv = (summary: string, traits: Partial<EventTraits> = {}): EventTraits => ({
  summary,
  about: 'case',
  ...PLAIN,
  ...traits,
});
const taskEv = (summary: string, traits: Partial<EventTraits> = {}): EventTraits => ({
  summary,
  about: 'task',
  ...PLAIN,
  ...traits,
});

/**
 * Every event type a case produces and its traits, in the order they can occur. Keyed by every
 * `CaseEventType`: a new event type does not compile until someone decides its traits.
 */
export const EVENT_TRAITS: { readonly [T in CaseEventType]: EventTraits } = {
  'case.registered': caseEv(
    '收件: the case is registered and waits for 受理 (`start` with `intake: "pending"`).',
  ),
  'case.started': caseEv(
    '受理: the case is accepted; its clock starts (the day of acceptance does not count).',
    {
      supervisionKind: 'case.accepted',
    },
  ),
  'case.refused': caseEv('不予受理: a registered case is refused at intake and ends.'),
  'case.suspended': caseEv('挂起: the whole case is suspended by an officer; every clock and timer stops.', {
    resetsRecall: true,
    suspension: 'starts',
    supervisionKind: 'suspended',
  }),
  'case.resumed': caseEv('激活: the suspended case runs again; `suspendedFor` is how long it waited.', {
    suspension: 'ends',
    supervisionKind: 'resumed',
  }),
  'case.resubmitted': caseEv('重新提交: the applicant resubmits a case sent back to them.', {
    resetsRecall: true,
  }),
  'case.jumped': caseEv('跳转: an administrator moves the case to another step.', { resetsRecall: true }),
  'case.copied': caseEv('抄送: the case (or one task) is copied to other departments for information.'),
  'task.specialProcedureStarted': taskEv('特别程序 starts on a task (Art. 45): its clock stops.', {
    actsOnTask: true,
    suspension: 'starts',
    supervisionKind: 'suspended',
  }),
  'task.specialProcedureEnded': taskEv(
    '特别程序 ends: the task clock runs again; `lasted` is how long it took.',
    {
      suspension: 'ends',
      supervisionKind: 'resumed',
    },
  ),
  'supplement.requested': taskEv(
    '补正: a department asks the applicant for materials (one notice, Art. 32).',
    {
      actsOnTask: true,
      suspension: 'starts',
      supervisionKind: 'suspended',
    },
  ),
  'supplement.supplied': caseEv('补正材料 supplied: the clocks run again.', {
    suspension: 'ends',
    supervisionKind: 'resumed',
  }),
  'supplement.cancelled': taskEv('A pending 补正 is dropped because its task closed (the flow moved on).', {
    suspension: 'ends',
    supervisionKind: 'resumed',
  }),
  'task.transferred': taskEv('转办: the task moves to another department.', { actsOnTask: true }),
  'task.delegated': taskEv('委派: the department hands the task to one person until they answer.', {
    actsOnTask: true,
  }),
  'task.delegationReturned': taskEv('The delegate answers; the task is back with its department.', {
    actsOnTask: true,
  }),
  'task.rejected': taskEv('驳回: the task sends the case back to an earlier step or to the applicant.', {
    resetsRecall: true,
    actsOnTask: true,
    supervisionKind: 'sentBack',
    // 驳回 closes the task as this department's answer (outcome `reject`).
    closesTask: 'completed',
  }),
  'task.recalled': taskEv('撤回/拿回: a department pulls back a completion its next step has not acted on.'),
  'task.claimed': taskEv('签收: one handler claims the task.', { actsOnTask: true }),
  'task.unclaimed': taskEv('The claim is released.'),
  'task.handlersAssigned': taskEv('The handlers of the task are named at run time.', { actsOnTask: true }),
  'task.signed': taskEv('One handler signs the task (或签, 会签, 票签, 依次).', { actsOnTask: true }),
  'task.decided': taskEv("The handlers' signatures decide the task's outcome."),
  'task.timedOut': taskEv(
    'The task turned red with a timeout action (视为同意, 自动驳回): the system completes it.',
  ),
  'case.extended': caseEv('延期: the case limit is extended (Art. 42).', {
    extension: true,
    supervisionKind: 'extended',
  }),
  'task.extended': taskEv('延期 of one task limit.', { extension: true, supervisionKind: 'extended' }),
  'task.urged': taskEv('催办: a supervisor, officer or the lead department urges an open task.', {
    supervisionKind: 'urged',
  }),
  'case.supervised': caseEv('督办: a supervisor orders a department to answer within working days.', {
    supervisionKind: 'supervised',
  }),
  'supervision.answered': caseEv('The department answers a 督办 (`late` if past its deadline).', {
    supervisionKind: 'supervision.answered',
  }),
  'supervision.overdue': caseEv("A 督办's reply deadline passed unanswered.", {
    supervisionKind: 'supervision.overdue',
  }),
  'case.completed': caseEv('办结: the case reached an end event.', {
    endsCase: true,
    supervisionKind: 'case.decided',
  }),
  'case.terminated': caseEv('The case reached a terminate end event.', { endsCase: true }),
  'case.failed': caseEv('A BPMN error nobody caught ended the case.', { endsCase: true }),
  'case.withdrawn': caseEv('撤件: the applicant withdraws the case; every open task is cancelled.', {
    resetsRecall: true,
    endsCase: true,
    supervisionKind: 'case.withdrawn',
  }),
  'task.opened': taskEv('A user task opens for a department (with its `dueAt` when it has a limit).', {
    supervisionKind: 'task.opened',
  }),
  'task.completed': taskEv('A department completes its task with an outcome and opinion.', {
    actsOnTask: true,
    supervisionKind: 'task.completed',
    closesTask: 'completed',
  }),
  'task.cancelled': taskEv('An open task closes without an answer (a boundary event, 减签, a jump …).', {
    closesTask: 'cancelled',
  }),
  'service.requested': taskEv("A service task opens: the host's handler is to be called."),
  'service.completed': taskEv("The host's handler finished the service task.", {
    closesTask: 'completed',
  }),
  'service.failed': taskEv("The host's handler failed with a BPMN error code.", { closesTask: 'failed' }),
  'timer.set': caseEv('A BPMN timer event is set.'),
  'timer.fired': caseEv('A BPMN timer event fired.', { resetsRecall: true }),
  'timer.cancelled': caseEv('A BPMN timer event is cancelled (its activity ended first).'),
  'message.received': caseEv('A message arrived for the case.', { resetsRecall: true }),
  'gateway.taken': caseEv('A gateway chose an outgoing flow (`default` when no condition held).'),
  'error.raised': caseEv('An error end event raised a BPMN error.'),
  'light.changed': caseEv('黄灯/红灯: a case or task clock changed light (`clock`: `case` or the task id).', {
    supervisionKind: 'light.changed',
  }),
};

/** Every event type, in the order of the table. */
export const CASE_EVENT_TYPES = Object.keys(EVENT_TRAITS) as readonly CaseEventType[];

/** The event types with a trait, e.g. `eventTypesWhere((t) => t.suspension === 'starts')`. */
export function eventTypesWhere(test: (traits: EventTraits) => boolean): CaseEventType[] {
  return CASE_EVENT_TYPES.filter((type) => test(EVENT_TRAITS[type]));
}

/** Events that stop a clock (挂起, 特别程序, 补正): statistics count them as suspensions, in SQL too. */
export const SUSPENSION_EVENT_TYPES: readonly CaseEventType[] = eventTypesWhere(
  (t) => t.suspension === 'starts',
);
/** Events that extend a limit (延期): statistics count them as extensions, in SQL too. */
export const EXTENSION_EVENT_TYPES: readonly CaseEventType[] = eventTypesWhere((t) => t.extension);
