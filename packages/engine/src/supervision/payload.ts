import { clockStatus } from '../clock/index.js';
import type { CompiledDefinition } from '../compile/compile.js';
import type { CaseEvent } from '../model/events.js';
import type { JsonValue } from '../model/json.js';
import type { DepartmentRole } from '../model/process.js';
import type { CaseSnapshot, Light } from '../model/snapshot.js';
import type { SupervisionKind } from '../model/supervision-kind.js';
import type { Instant } from '../model/time.js';
import { beijingLastDay } from './beijing.js';
import { supervisionKindOf } from './kinds.js';

/** 事项: what a case is an application for. */
export interface MatterRef {
  /** 事项基本编码 (or the code the host stores on the case). */
  readonly code: string | null;
  readonly name: string | null;
}

/** Where a case is handled (province / city / county). */
export interface Region {
  readonly province?: string | null;
  readonly city?: string | null;
  readonly county?: string | null;
}

/**
 * Built-in rule ids for what the engine itself watches: the time rules (时效) behind the lights
 * and the 督办 reply deadline. Accountability rules have their own ids (see
 * {@link AccountabilityRule}).
 */
export const TIME_RULES = {
  /** 黄灯预警: a clock reached its matter's warning threshold. */
  yellow: 'TIME-YELLOW',
  /** 红灯逾期: a clock passed its deadline. */
  red: 'TIME-RED',
  /** 督办逾期: a 督办 was not answered by its reply deadline. */
  supervisionOverdue: 'SUPERVISION-OVERDUE',
} as const;

/**
 * What a supervision handler receives: the case, its matter, the department and role concerned,
 * the deadline and working days left, and the rule that fired. `event` is the engine event it was
 * made from (null for a rule firing).
 */
export interface SupervisionPayload {
  readonly kind: SupervisionKind;
  readonly at: Instant;
  readonly caseId: string;
  readonly taskId: string | null;
  readonly elementId: string | null;
  readonly matter: MatterRef | null;
  /** The department concerned: the task's, the 督办's, or the lead department for case events. */
  readonly department: string | null;
  readonly role: DepartmentRole | null;
  readonly region: Region | null;
  /** Whose clock the deadline is: the task's when the event is about a task, else the case's. */
  readonly clock: 'case' | 'task';
  /** Deadline (first overdue instant) of that clock, or of the 督办 for supervision events. */
  readonly due: Instant | null;
  /**
   * The same deadline as people read it: its last day (截止日期, Beijing `YYYY-MM-DD`), the day
   * before `due` when `due` is a midnight. Show this; compare instants with `due`.
   */
  readonly lastDay: string | null;
  /** Working days left on that clock at `at` (negative: overdue by that many), when known. */
  readonly remainingWorkingDays: number | null;
  /**
   * Whether that clock is past its deadline at `at`, when known: the one field to read for
   * 逾期 (`remainingWorkingDays` is below 0 exactly then).
   */
  readonly overdue: boolean | null;
  /** The clock's light after the event, when known. */
  readonly light: Light | null;
  /** For `light.changed`: the light before. */
  readonly previousLight: Light | null;
  /** 监察规则编号: the rule that fired (see {@link TIME_RULES}), or null. */
  readonly ruleId: string | null;
  /** For `rule.fired`: the level (reminder, criticism, talk …). */
  readonly level: string | null;
  /** 督办内容 / 催办 message, reason or opinion, when the event carries one. */
  readonly message: string | null;
  /** Who acted (actor id), when recorded. */
  readonly actor: string | null;
  readonly event: CaseEvent | null;
}

/** What a payload is enriched from. Everything is optional; missing parts give nulls. */
export interface PayloadContext {
  /** The definition the case runs on: matter, lead department, calendars. */
  readonly definition?: CompiledDefinition | null;
  /** The case as persisted after (or at) the event: open tasks, clocks and lights. */
  readonly snapshot?: CaseSnapshot | null;
  /** Overrides the definition's matter (e.g. the matter code a store keeps on the case). */
  readonly matter?: MatterRef | null;
  readonly region?: Region | null;
}

const str = (value: JsonValue | undefined): string | null => (typeof value === 'string' ? value : null);
const num = (value: JsonValue | undefined): number | null => (typeof value === 'number' ? value : null);
const isLight = (value: JsonValue | undefined): value is Light =>
  value === 'green' || value === 'yellow' || value === 'red';

/** The lead department (牵头部门) of a definition: the first lead user task's department. */
export function leadDepartmentOf(definition: CompiledDefinition | null | undefined): string | null {
  if (!definition) return null;
  for (const node of definition.nodes.values()) {
    if (node.kind === 'userTask' && node.role === 'lead' && node.department) return node.department;
  }
  return null;
}

function ruleOf(kind: SupervisionKind, event: CaseEvent): string | null {
  const data = event.data ?? {};
  if (kind === 'light.changed') {
    if (data.to === 'red') return TIME_RULES.red;
    if (data.to === 'yellow') return TIME_RULES.yellow;
    return null;
  }
  if (kind === 'supervision.overdue') return str(data.ruleId) ?? TIME_RULES.supervisionOverdue;
  return str(data.ruleId);
}

function messageOf(event: CaseEvent): string | null {
  const data = event.data ?? {};
  return str(data.message) ?? str(data.answer) ?? str(data.reason) ?? str(data.opinion);
}

/**
 * The supervision payload of an engine event, or null when supervisors do not watch that event.
 * Deadline and working days left come from the event itself where it records them (light
 * changes, completions), else from the snapshot's clock at the event's instant.
 */
export function supervisionPayload(
  event: CaseEvent,
  context: PayloadContext = {},
): SupervisionPayload | null {
  const kind = supervisionKindOf(event);
  if (kind === null) return null;
  const data = event.data ?? {};
  const { definition, snapshot } = context;
  const caseLevel = event.taskId === undefined;
  const task = event.taskId === undefined ? undefined : snapshot?.machine.context.tasks[event.taskId];
  const supervisionEvent = kind === 'supervised' || kind.startsWith('supervision.');
  const clockKey = caseLevel ? 'case' : (event.taskId ?? 'case');
  const clock = supervisionEvent ? undefined : snapshot?.machine.context.clocks[clockKey];

  let due =
    num(data.dueAt) ?? task?.dueAt ?? (caseLevel && !supervisionEvent ? (snapshot?.dueAt ?? null) : null);
  let remaining = num(data.remainingWorkingDays);
  let overdue = typeof data.overdue === 'boolean' ? data.overdue : null;
  if (clock && definition && (remaining === null || due === null || overdue === null)) {
    const status = clockStatus(clock, definition.calendars, event.at, { provisional: true });
    remaining ??= status.remainingWorkingDays;
    due ??= status.dueAt;
    overdue ??= status.overdue;
  }
  // A 督办's deadline is its reply deadline: overdue once `supervision.overdue` says so.
  if (supervisionEvent) overdue = kind === 'supervision.overdue' ? true : null;
  else overdue ??= remaining === null ? null : remaining < 0;
  const light =
    kind === 'light.changed' && isLight(data.to)
      ? data.to
      : supervisionEvent
        ? null
        : (snapshot?.machine.context.lights[clockKey] ?? (caseLevel ? (snapshot?.light ?? null) : null));

  return {
    kind,
    at: event.at,
    caseId: event.caseId,
    taskId: event.taskId ?? null,
    elementId: event.elementId ?? null,
    matter:
      context.matter ??
      (definition?.matter ? { code: definition.matter.code, name: definition.matter.name } : null),
    department: event.department ?? leadDepartmentOf(definition),
    role: event.role ?? (event.department ? null : leadDepartmentOf(definition) ? 'lead' : null),
    region: context.region ?? null,
    clock: caseLevel ? 'case' : 'task',
    due,
    lastDay: due === null ? null : beijingLastDay(due),
    remainingWorkingDays: remaining,
    overdue,
    light,
    previousLight: kind === 'light.changed' && isLight(data.from) ? data.from : null,
    ruleId: ruleOf(kind, event),
    level: null,
    message: messageOf(event),
    actor: str(data.actor) ?? str(data.approver),
    event,
  };
}
