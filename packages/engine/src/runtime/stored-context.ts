import { TongbanError } from '../errors.js';
import type { TaskRecord } from '../model/case.js';
import type { CaseContext } from '../model/context.js';
import type { Kept, StoredContext, StoredTask, Transient } from '../model/snapshot.js';
import type { Instant } from '../model/time.js';

/** Snapshot layouts `step` reads: 1 kept every context field, 2 leaves out defaults. */
export const SNAPSHOT_SCHEMAS: readonly number[] = [1, 2];

/** A snapshot this engine cannot read (written by a newer version, or not a snapshot at all). */
export class SnapshotSchemaError extends TongbanError {
  readonly code = 'UNKNOWN_SNAPSHOT_SCHEMA';
}

/** Task fields with a default; any other field (optional ones, later additions) is kept as it is. */
const TASK_DEFAULTS: ReadonlySet<string> = new Set<keyof TaskRecord>([
  'id',
  'elementId',
  'openedAt',
  'name',
  'kind',
  'department',
  'role',
  'dueAt',
  'instance',
  'handler',
]);

/** The full record of a persisted task. */
export function taskRecord(task: StoredTask): TaskRecord {
  // One literal, always in the same shape, is much cheaper for V8 than spreading parsed JSON.
  const full: { -readonly [K in keyof TaskRecord]: TaskRecord[K] } = {
    id: task.id,
    elementId: task.elementId,
    name: task.name ?? null,
    kind: task.kind ?? 'user',
    department: task.department ?? null,
    role: task.role ?? null,
    openedAt: task.openedAt,
    dueAt: task.dueAt ?? null,
    instance: task.instance ?? null,
    handler: task.handler ?? null,
  };
  for (const key in task) {
    if (!TASK_DEFAULTS.has(key))
      (full as unknown as Record<string, unknown>)[key] = (task as unknown as Record<string, unknown>)[key];
  }
  return full;
}

/** The open tasks of a persisted case, as full records. */
export function snapshotTasks(snapshot: {
  readonly machine: { readonly context: StoredContext };
}): TaskRecord[] {
  return Object.values(snapshot.machine.context.tasks).map(taskRecord);
}

function storedTask(task: TaskRecord): StoredTask {
  const out: { -readonly [K in keyof TaskRecord]?: TaskRecord[K] } = {
    id: task.id,
    elementId: task.elementId,
  };
  if (task.name !== null) out.name = task.name;
  if (task.kind !== 'user') out.kind = task.kind;
  if (task.department !== null) out.department = task.department;
  if (task.role !== null) out.role = task.role;
  out.openedAt = task.openedAt;
  if (task.dueAt !== null) out.dueAt = task.dueAt;
  if (task.instance !== null) out.instance = task.instance;
  if (task.handler !== null) out.handler = task.handler;
  for (const key in task) {
    const value = (task as unknown as Record<string, unknown>)[key];
    if (!TASK_DEFAULTS.has(key) && value !== undefined)
      (out as unknown as Record<string, unknown>)[key] = value;
  }
  return out as StoredTask;
}

/** Context fields {@link loadContext} fills in; any other (optional, added later) is kept as it is. */
const CONTEXT_FIELDS: ReadonlySet<string> = new Set<keyof CaseContext>([
  'caseId',
  'now',
  'vars',
  'tasks',
  'timers',
  'mi',
  'seq',
  'out',
  'clocks',
  'lights',
  'intake',
  'suspended',
  'supplement',
  'returned',
  'special',
  'parkedTimers',
  'trail',
  'supervisions',
  'noFlow',
  'ending',
]);

/**
 * A private, full context for one command, from the persisted one: `step` never mutates its input.
 * Only the containers are copied: records inside them (tasks, timers, clocks) are replaced, never
 * edited, by the runtime and the machine's actions, and variables are merged at the top level only.
 * The one record edited in place, multi-instance progress, is copied.
 */
export function loadContext(stored: StoredContext, caseId: string, now: Instant): CaseContext {
  const tasks: CaseContext['tasks'] = {};
  for (const id in stored.tasks) tasks[id] = taskRecord(stored.tasks[id]!);
  const mi: CaseContext['mi'] = {};
  if (stored.mi) for (const id in stored.mi) mi[id] = { ...stored.mi[id]! };
  const context: CaseContext = {
    caseId,
    now,
    vars: { ...stored.vars },
    tasks,
    timers: { ...stored.timers },
    mi,
    seq: stored.seq,
    out: [],
    clocks: { ...stored.clocks },
    lights: { ...stored.lights },
    intake: stored.intake ?? 'accepted',
    suspended: stored.suspended ?? null,
    supplement: stored.supplement ?? null,
    returned: stored.returned ?? null,
    special: { ...stored.special },
    parkedTimers: { ...stored.parkedTimers },
    trail: stored.trail ?? [],
    supervisions: { ...stored.supervisions },
    noFlow: null,
    ending: stored.ending ?? null,
  };
  // Fields added later (and optional) come along as they are.
  for (const key in stored) {
    if (!CONTEXT_FIELDS.has(key))
      (context as unknown as Record<string, unknown>)[key] = (stored as unknown as Record<string, unknown>)[
        key
      ];
  }
  return context;
}

const KEPT: ReadonlySet<string> = new Set<Kept>([
  'timers',
  'seq',
  'vars',
  'clocks',
  'lights',
  'supervisions',
]);
const TRANSIENT: ReadonlySet<string> = new Set<Transient>(['caseId', 'now', 'out', 'noFlow']);

function isEmpty(value: object): boolean {
  if (Array.isArray(value)) return value.length === 0;
  for (const _ in value) return false;
  return true;
}

/** The context to persist: {@link loadContext} of it gives the same context back. */
export function storeContext(context: CaseContext): StoredContext {
  const tasks: Record<string, StoredTask> = {};
  for (const id in context.tasks) tasks[id] = storedTask(context.tasks[id]!);
  const out: Record<string, unknown> = { tasks };
  for (const key in context) {
    const value = (context as unknown as Record<string, unknown>)[key];
    if (key === 'tasks' || TRANSIENT.has(key) || value === null || value === undefined) continue;
    if (KEPT.has(key)) {
      out[key] = value;
      continue;
    }
    if (key === 'intake' && value === 'accepted') continue;
    if (typeof value === 'object' && isEmpty(value)) continue;
    out[key] = value;
  }
  return out as StoredContext;
}
