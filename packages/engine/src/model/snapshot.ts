import type { StateValue } from 'xstate';
import type { CaseStatus, TaskRecord } from './case.js';
import type { CaseContext } from './context.js';
import type { Instant } from './time.js';

/** Traffic light of a clock: 绿 / 黄 (warning) / 红 (overdue). */
export type Light = 'green' | 'yellow' | 'red';

/**
 * A case as persisted: plain JSON, small, and enough to continue exactly where it stopped. The
 * top-level fields are denormalised for stores and boards; `machine` is the statechart's state,
 * its context without defaults (see {@link StoredContext}; `snapshotTasks` gives full task records).
 * Layout 2 (this one) left out defaults; `step` still reads layout 1 snapshots, which kept them.
 */
export interface CaseSnapshot {
  readonly schema: 2;
  readonly caseId: string;
  /** Hash of the definition version the case started on; it runs on that version to the end. */
  readonly definitionHash: string;
  readonly status: CaseStatus;
  readonly startedAt: Instant;
  /**
   * The instant of the last command applied: a command stamped before it is refused
   * (`BEFORE_LAST_EVENT`). Absent in snapshots written before it was kept.
   */
  readonly updatedAt?: Instant;
  /** Case light, when the matter has a time limit. */
  readonly light: Light | null;
  /** Case deadline (exclusive end of the last working day), when the matter has a time limit. */
  readonly dueAt: Instant | null;
  readonly machine: { readonly value: StateValue; readonly context: StoredContext };
}

/**
 * An open task as persisted: a {@link TaskRecord} without the fields at their default (`name`,
 * `department`, `role`, `dueAt`, `instance`, `handler` when null; `kind` when `user`).
 * {@link taskRecord} gives the full record back.
 */
export type StoredTask = Pick<TaskRecord, 'id' | 'elementId' | 'openedAt'> &
  Partial<Omit<TaskRecord, 'id' | 'elementId' | 'openedAt'>>;

/** @internal Context fields that only live while one command is applied, or that the snapshot already holds. */
export type Transient = 'caseId' | 'now' | 'out' | 'noFlow';

/**
 * The statechart's context as persisted in a snapshot: {@link CaseContext} without the fields that
 * only matter during one command, and without every field at its default (null, empty, `intake:
 * 'accepted'`). A parked case then costs a few hundred bytes, and every command parses and writes
 * that much less. Tasks, timers, variables, clocks, lights and 督办 orders are always there.
 */
export type StoredContext = { tasks: Record<string, StoredTask> } & Pick<CaseContext, Kept> &
  Partial<Omit<CaseContext, Transient | 'tasks' | Kept>>;

/** @internal Containers stores and readers look into (e.g. by JSON path): kept even when empty. */
export type Kept = 'timers' | 'seq' | 'vars' | 'clocks' | 'lights' | 'supervisions';
