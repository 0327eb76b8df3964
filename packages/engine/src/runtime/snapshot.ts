import type { StateValue } from 'xstate';
import type { Instant } from '../model/time.js';
import type { StoredContext } from './stored-context.js';
import type { CaseStatus } from './types.js';

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
