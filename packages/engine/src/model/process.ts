import type { TimeLimit, WarningThreshold } from './time.js';

/**
 * The typed intermediate representation (IR) of one BPMN process, produced by `importBpmn` and
 * consumed by `compile`. Plain data: it can be serialised to JSON and back unchanged.
 */
export interface ProcessModel {
  /** The BPMN `process` id. */
  readonly id: string;
  readonly name: string | null;
  /** The matter (事项) this process runs, from `tb:` attributes on the process; null when absent. */
  readonly matter: MatterInfo | null;
  /** Top-level scope: the process body. */
  readonly root: Scope;
  /** Message names referenced by message events, by BPMN message id. */
  readonly messages: Readonly<Record<string, string>>;
}

/** Kind of matter per GB/T 39046: 即办件 (immediate) or 承诺件 (promised). */
export type MatterKind = 'immediate' | 'promised';

/** A catalogued service item (事项), as declared on the BPMN process with `tb:` attributes. */
export interface MatterInfo {
  readonly code: string | null;
  readonly name: string | null;
  readonly kind: MatterKind | null;
  /** 法定办结时限. */
  readonly legalLimit: TimeLimit | null;
  /** 承诺办结时限: the limit the case clock runs against (falls back to the legal limit). */
  readonly promisedLimit: TimeLimit | null;
  /** When the case light turns yellow. */
  readonly warning: WarningThreshold | null;
  /** Most working days of extension (延期) allowed in total: 10 (Art. 42 ¶1) or 15 (¶2). */
  readonly extensionCap: number | null;
  /** Calendar name the case counts in (default: the engine's default calendar). */
  readonly calendar: string | null;
  /**
   * 驳回 inside a parallel stage (`tb:rejectMode`): `veto` (一票否决, default) closes the whole stage
   * at once; `collect` records the rejection and lets the siblings finish for the lead to decide.
   */
  readonly rejectMode?: 'veto' | 'collect';
  /**
   * On 补正 supplied (`tb:supplementMode`): `requester` (default) resumes only the department that
   * asked; `all` sends every branch of its stage through review again.
   */
  readonly supplementMode?: 'requester' | 'all';
  /**
   * The service centre's office hours (`tb:officeHours="09:00-12:00,13:30-17:30"`), which
   * `workingHours` limits count in; default 9:00–12:00 and 13:30–17:30.
   */
  readonly officeHours?: readonly { readonly from: string; readonly to: string }[];
}

/** A process body or an embedded subprocess body: nodes and the flows between them. */
export interface Scope {
  /** Element id of the process or subprocess that owns this scope. */
  readonly id: string;
  readonly nodes: Readonly<Record<string, FlowNode>>;
  readonly flows: Readonly<Record<string, SequenceFlow>>;
}

export interface SequenceFlow {
  readonly id: string;
  readonly name: string | null;
  readonly source: string;
  readonly target: string;
  /** Condition expression source (FEEL), null for an unconditional flow. */
  readonly condition: string | null;
}

interface NodeBase {
  readonly id: string;
  readonly name: string | null;
  /** Ids of outgoing sequence flows, in document order. */
  readonly outgoing: readonly string[];
  /** Ids of incoming sequence flows, in document order. */
  readonly incoming: readonly string[];
}

export type FlowNode =
  | StartEventNode
  | EndEventNode
  | UserTaskNode
  | ServiceTaskNode
  | GatewayNode
  | TimerCatchNode
  | MessageCatchNode
  | BoundaryEventNode
  | SubProcessNode;

export interface StartEventNode extends NodeBase {
  readonly kind: 'startEvent';
}

export interface EndEventNode extends NodeBase {
  readonly kind: 'endEvent';
  /** none: this path ends; terminate: the whole case ends; error: raises `errorCode` to the enclosing scope. */
  readonly variant: 'none' | 'terminate' | 'error';
  readonly errorCode: string | null;
}

/** Whether a department leads the case (牵头) or co-handles it (协办). */
export type DepartmentRole = 'lead' | 'co';

export interface UserTaskNode extends NodeBase {
  readonly kind: 'userTask';
  /** Department that must complete this task (`tb:department`); for multi-instance, see `multiInstance`. */
  readonly department: string | null;
  readonly role: DepartmentRole;
  /** Task-level time limit (`tb:timeLimit` + `tb:timeLimitUnit`), e.g. a co-handler's reply limit. */
  readonly limit: TimeLimit | null;
  readonly warning: WarningThreshold | null;
  readonly multiInstance: MultiInstance | null;
  /**
   * What happens when the task's own limit runs out (`tb:timeoutAction`): `light` (default: the
   * light turns red, nothing else), `agree` (逾期未反馈视为同意: completed as approved) or `reject`.
   */
  readonly timeoutAction?: 'light' | 'agree' | 'reject';
  /**
   * How the department's handlers decide (`tb:decisionMode`): `any` 或签 (the first signature
   * decides), `all` 会签 (every handler approves; the first rejection decides reject), `vote` 票签
   * (weighted votes against `passRatio`), `sequential` 依次 (in the listed order; a rejection
   * decides reject). Absent: the department completes the task as one.
   */
  readonly decisionMode?: DecisionMode;
  /** The people who sign (`tb:handlers="张三:2,李四"`, weight 1 by default); else given at run time. */
  readonly handlers?: readonly TaskHandler[];
  /** 票签: share of the total weight that must approve (`tb:passRatio`, 0 < r ≤ 1, default 0.5). */
  readonly passRatio?: number;
  /**
   * `one` (`tb:claim="one"`): a handler claims the task (签收) and only they may act until they
   * release it; `all` (default): anyone of the department (or any listed handler) may act.
   */
  readonly claim?: 'one' | 'all';
  /** Ids of boundary events attached to this task. */
  readonly boundaries: readonly string[];
}

/** Decision modes inside one department's task: 或签, 会签, 票签, 依次. */
export type DecisionMode = 'any' | 'all' | 'vote' | 'sequential';

/** A person who signs a department's task, and the weight of their vote (票签). */
export interface TaskHandler {
  readonly id: string;
  readonly weight: number;
}

/** Parallel multi-instance over a department list (多部门并联会签). */
export interface MultiInstance {
  /** Fixed departments (`tb:departments`, comma-separated) or, when empty, `collection` is used. */
  readonly departments: readonly string[];
  /** Case variable holding the department list (e.g. `coDepartments`), when departments are not fixed. */
  readonly collection: string | null;
  /**
   * FEEL condition that ends the task early, over `nrOfInstances`, `nrOfCompletedInstances`,
   * `nrOfApproved`, `nrOfRejected` and case variables; null means: when all instances complete.
   */
  readonly completionCondition: string | null;
}

export interface ServiceTaskNode extends NodeBase {
  readonly kind: 'serviceTask';
  /** Name of the host-registered handler (`tb:handler`, else the task's `implementation`). */
  readonly handler: string | null;
  readonly boundaries: readonly string[];
}

export type GatewayType = 'exclusive' | 'inclusive' | 'parallel';

export interface GatewayNode extends NodeBase {
  readonly kind: 'gateway';
  readonly gatewayType: GatewayType;
  /** Default outgoing flow id (exclusive and inclusive only). */
  readonly defaultFlow: string | null;
}

/**
 * A timer: ISO 8601 `duration` (e.g. `P3D`), `date` (an instant) or `cycle`. With a `calendar`
 * (`tb:calendar`), the days of a duration are working days on that calendar.
 */
export interface TimerDefinition {
  readonly type: 'duration' | 'date' | 'cycle';
  readonly value: string;
  readonly calendar: string | null;
}

export interface TimerCatchNode extends NodeBase {
  readonly kind: 'timerCatch';
  readonly timer: TimerDefinition;
}

export interface MessageCatchNode extends NodeBase {
  readonly kind: 'messageCatch';
  /** Message name the case waits for (e.g. `补正材料`). */
  readonly message: string;
}

export interface BoundaryEventNode extends NodeBase {
  readonly kind: 'boundaryEvent';
  readonly attachedTo: string;
  /** true: interrupting (the task is cancelled); false: non-interrupting (the task stays open). */
  readonly cancelActivity: boolean;
  readonly trigger:
    | { readonly type: 'timer'; readonly timer: TimerDefinition }
    | { readonly type: 'message'; readonly message: string }
    | { readonly type: 'error'; readonly errorCode: string | null };
}

export interface SubProcessNode extends NodeBase {
  readonly kind: 'subProcess';
  readonly scope: Scope;
  readonly boundaries: readonly string[];
}
