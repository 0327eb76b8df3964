import type { ClockState } from '../clock/types.js';
import type { FlowNode } from '../model/process.js';
import type { Instant } from '../model/time.js';
import type { TaskRecord } from './types.js';

/**
 * A completion that can still be recalled (撤回): the task as it stood before it was completed, who
 * completed it, and the tasks its completion opened (its "downstream"). Dropped as soon as the
 * downstream acts, the case moves past it, or the flow is reset (跳转, 驳回, 补正 with review again).
 * Kept in the snapshot while a stage runs, so every field at its default is left out.
 */
export interface RecallRecord {
  /**
   * The completed task as it stood just before completion (a deciding signature left out), without
   * what its key and its element give back (id, kind, name, role, the element's department) and
   * without null fields.
   */
  readonly task: Partial<TaskRecord> & Pick<TaskRecord, 'elementId' | 'openedAt'>;
  readonly at: Instant;
  /** Who completed it (actor id); absent when the department completed it without naming a person. */
  readonly by?: string;
  /**
   * How many enclosing parallel stages of the task are still open (absent: none): the level a
   * recall moves back at. A lower level later means the stages joined; the tasks opened there join
   * the downstream.
   */
  readonly level?: number;
  /** The open tasks downstream of this completion (absent: none): a recall cancels them. */
  readonly opened?: readonly string[];
  /** The task's clock when it was completed: a recalled task resumes it (the time between counts). */
  readonly clock?: ClockState;
  /**
   * For a task with boundary timers: when each of them that was still pending at completion falls
   * due, by boundary element id. A recalled task gets exactly these back (a timer that had fired
   * does not fire again). Absent on records of a task without boundary timers, and on records
   * written before this field existed (their task re-arms its timers from the recall).
   */
  readonly timers?: Readonly<Record<string, Instant>>;
  /** For one instance of a multi-instance task not yet decided: its outcome, to undo the tally. */
  readonly instanceOutcome?: string | null;
}

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
