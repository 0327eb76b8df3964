import type { ClockState } from '../clock/types.js';
import type { Instant } from '../model/time.js';
import type { TaskRecord } from './types.js';

/**
 * A completion that can still be recalled (撤回): the task as it stood before it was completed, who
 * completed it, and the tasks its completion opened (its "downstream"). Dropped as soon as the
 * downstream acts, the case moves past it, or the flow is reset (跳转, 驳回, 补正 with review again).
 */
export interface RecallRecord {
  /**
   * The completed task as it stood just before completion (a deciding signature left out),
   * without its empty fields (null fields and `kind` left out).
   */
  readonly task: Partial<TaskRecord> & Pick<TaskRecord, 'id' | 'elementId' | 'openedAt'>;
  /** Who completed it (actor id); null when the department completed it without naming a person. */
  readonly by: string | null;
  readonly at: Instant;
  /**
   * How many enclosing parallel stages of the task are still open (0: none): the level a recall
   * moves back at. A lower level later means the stages joined; the tasks opened there join the
   * downstream.
   */
  readonly level: number;
  /** The open tasks downstream of this completion: a recall cancels them. */
  readonly opened: readonly string[];
  /** The task's clock when it was completed: a recalled task resumes it (the time between counts). */
  readonly clock?: ClockState;
  /** For one instance of a multi-instance task not yet decided: its outcome, to undo the tally. */
  readonly instanceOutcome?: string | null;
}

/** A user task record without its null fields and its kind, as a recall record keeps it. */
export function compactTask(task: TaskRecord): RecallRecord['task'] {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(task)) {
    if (value === null || value === undefined || key === 'kind') continue;
    out[key] = value;
  }
  return out as RecallRecord['task'];
}

/** The full user task record back from {@link compactTask}. */
export function fullTask(task: RecallRecord['task']): TaskRecord {
  return {
    ...task,
    name: task.name ?? null,
    kind: 'user',
    department: task.department ?? null,
    role: task.role ?? null,
    dueAt: task.dueAt ?? null,
    instance: task.instance ?? null,
    handler: task.handler ?? null,
  };
}
