import type { TaskRecord } from './case.js';
import type { ClockState } from './clock.js';
import type { Instant } from './time.js';

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
