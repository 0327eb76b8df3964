import {
  type CaseEventType,
  type Command,
  EVENT_TRAITS,
  type JsonValue,
  type TaskRecord,
  type TimerRecord,
} from '@tongban/engine';
import { eventHash } from '../audit/chain.js';
import type { HookRegistry } from '../outbox/hooks.js';
import type { CaseEvent, CaseSnapshot, StepResult } from './engine.js';

/** An event as stored: its place in the case's chain and its hash. */
export interface ChainedEvent {
  readonly seq: number;
  readonly type: string;
  readonly at: number;
  readonly payload: JsonValue;
  readonly prevHash: string;
  readonly hash: string;
}

/** A task that this command closed, and how. */
export interface TaskClosure {
  readonly taskId: string;
  readonly status: 'completed' | 'cancelled' | 'failed';
  readonly completedBy: string | null;
  readonly outcome: string | null;
  readonly opinion: string | null;
}

/** Everything one accepted command writes, computed before the single write statement. */
export interface WritePlan {
  readonly caseId: string;
  readonly snapshot: CaseSnapshot;
  readonly events: readonly ChainedEvent[];
  readonly lastSeq: number;
  readonly lastHash: string;
  /** Open tasks to upsert: the new and changed ones, or all when the previous ones are unknown. */
  readonly openTasks: readonly TaskRecord[];
  /** Ids of every task open after the command. */
  readonly openIds: readonly string[];
  /** The nearest deadline among every task open after the command (`cases.task_due`), null: none. */
  readonly taskDue: number | null;
  /** Whether to cancel stored open tasks that are neither open now nor closed by an event. */
  readonly sweep: boolean;
  readonly closures: readonly TaskClosure[];
  readonly timersSet: readonly TimerRecord[];
  readonly timersCancel: readonly string[];
  /** The timer this command fires, marked fired in the same statement (unless it was re-armed). */
  readonly firedTimer: string | null;
  readonly outbox: readonly { readonly seq: number; readonly hook: string }[];
}

type Accepted = Extract<StepResult, { ok: true }>;

/** Turns an accepted step into the rows to write: hash-chained events, task changes, timers, outbox. */
export function planWrite(
  caseId: string,
  step: Accepted,
  command: Command,
  head: {
    readonly lastSeq: number;
    readonly lastHash: string;
    /** Tasks open before the command, when this writer knows them (null: unknown, upsert all). */
    readonly openTasks: readonly TaskRecord[] | null;
  },
  hooks: HookRegistry | undefined,
): WritePlan {
  let prevHash = head.lastHash;
  let seq = head.lastSeq;
  const events: ChainedEvent[] = [];
  const outbox: { seq: number; hook: string }[] = [];
  for (const event of step.events) {
    seq++;
    const payload = toJson(event);
    const hash = eventHash({ caseId, seq, type: event.type, at: event.at, payload, prevHash });
    events.push({ seq, type: event.type, at: event.at, payload, prevHash, hash });
    prevHash = hash;
    for (const hook of hooks?.subscribers(event.type) ?? []) outbox.push({ seq, hook });
  }

  const openIds = new Set(step.openTasks.map((task) => task.id));
  const closures = closuresOf(step.events, command).filter((closure) => !openIds.has(closure.taskId));
  const before = head.openTasks === null ? null : new Map(head.openTasks.map((task) => [task.id, task]));
  const changed =
    before === null
      ? step.openTasks
      : step.openTasks.filter((task) => JSON.stringify(before.get(task.id)) !== JSON.stringify(task));
  const closed = new Set(closures.map((closure) => closure.taskId));
  const sweep = before === null || [...before.keys()].some((id) => !openIds.has(id) && !closed.has(id));

  const setIds = new Set(step.timers.set.map((timer) => timer.id));
  const firing = command.type === 'fireTimer' ? command.timerId : null;
  const timersCancel = [...new Set(step.timers.cancel)].filter((id) => !setIds.has(id) && id !== firing);

  return {
    caseId,
    snapshot: step.snapshot,
    events,
    lastSeq: seq,
    lastHash: prevHash,
    openTasks: changed,
    openIds: [...openIds],
    taskDue: nearestDue(step.openTasks),
    sweep,
    closures,
    timersSet: step.timers.set,
    timersCancel,
    firedTimer: firing !== null && !setIds.has(firing) ? firing : null,
    outbox,
  };
}

function nearestDue(tasks: readonly TaskRecord[]): number | null {
  let nearest: number | null = null;
  for (const task of tasks)
    if (task.dueAt !== null && (nearest === null || task.dueAt < nearest)) nearest = task.dueAt;
  return nearest;
}

function closuresOf(events: readonly CaseEvent[], command: Command): TaskClosure[] {
  const actorId = 'actor' in command ? (command.actor?.id ?? null) : null;
  const byTask = new Map<string, TaskClosure>();
  for (const event of events) {
    if (event.taskId === undefined) continue;
    const status = closingStatus(event.type);
    if (status === null) continue;
    const data = event.data ?? {};
    byTask.set(event.taskId, {
      taskId: event.taskId,
      status,
      completedBy: status === 'completed' ? (actorId ?? event.department ?? null) : null,
      // 驳回 closes the task as this department's answer: outcome `reject`, the reason as opinion.
      outcome: event.type === 'task.rejected' ? 'reject' : stringOrNull(data.outcome),
      opinion: stringOrNull(data.opinion) ?? stringOrNull(data.reason),
    });
  }
  return [...byTask.values()];
}

/** What the event makes of its task's row: its trait in the engine's `EVENT_TRAITS`. */
function closingStatus(type: CaseEventType): TaskClosure['status'] | null {
  // Events come from `step`, so their type is known; an unknown one closes nothing.
  return EVENT_TRAITS[type]?.closesTask ?? null;
}

function stringOrNull(value: JsonValue | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

/** The event as plain JSON, exactly as it will read back from `jsonb` (undefined fields dropped). */
function toJson(event: CaseEvent): JsonValue {
  return JSON.parse(JSON.stringify(event)) as JsonValue;
}
