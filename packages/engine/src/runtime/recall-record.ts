import type { TaskRecord } from '../model/case.js';
import type { FlowNode } from '../model/process.js';
import type { RecallRecord } from '../model/recall.js';

/** A record's fields with their defaults filled in. */
export interface RecallView {
  readonly by: string | null;
  readonly level: number;
  readonly opened: readonly string[];
}

export function viewOf(record: RecallRecord): RecallView {
  return { by: record.by ?? null, level: record.level ?? 0, opened: record.opened ?? [] };
}

/** The record with `level` and `opened` set, each left out at its default. */
export function withDownstream(record: RecallRecord, level: number, opened: readonly string[]): RecallRecord {
  const out: { -readonly [K in keyof RecallRecord]: RecallRecord[K] } = { task: record.task, at: record.at };
  if (record.by !== undefined) out.by = record.by;
  if (level > 0) out.level = level;
  if (opened.length > 0) out.opened = opened;
  if (record.clock !== undefined) out.clock = record.clock;
  if (record.timers !== undefined) out.timers = record.timers;
  if (record.instanceOutcome !== undefined) out.instanceOutcome = record.instanceOutcome;
  return out;
}

const OMITTED: ReadonlySet<string> = new Set(['id', 'kind', 'name', 'role', 'dueAt']);

function userTask(node: FlowNode | undefined) {
  return node?.kind === 'userTask' ? node : null;
}

/** The task as a recall record keeps it (see {@link RecallRecord.task}). */
export function compactTask(task: TaskRecord, node: FlowNode | undefined): RecallRecord['task'] {
  const out: Record<string, unknown> = {};
  const element = userTask(node)?.department ?? null;
  for (const key in task) {
    const value = task[key as keyof TaskRecord];
    if (value === null || value === undefined || OMITTED.has(key)) continue;
    if (key === 'department' && value === element) continue;
    out[key] = value;
  }
  // A department the element does not name (null against a named one) is kept as it is.
  if (task.department === null && element !== null) out.department = null;
  return out as RecallRecord['task'];
}

/** The department a recorded task belonged to when it was completed. */
export function departmentOf(task: RecallRecord['task'], node: FlowNode | undefined): string | null {
  return task.department !== undefined ? task.department : (userTask(node)?.department ?? null);
}

/** The full user task record back from {@link compactTask}, under `id`; `dueAt` comes from its clock. */
export function fullTask(task: RecallRecord['task'], id: string, node: FlowNode | undefined): TaskRecord {
  const element = userTask(node);
  return {
    ...task,
    id,
    name: element?.name ?? null,
    kind: 'user',
    department: departmentOf(task, node),
    role: element?.role ?? null,
    dueAt: null,
    instance: task.instance ?? null,
    handler: task.handler ?? null,
  };
}
