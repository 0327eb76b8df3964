import type { TongbanError } from '../errors.js';
import type { TaskRecord, TimerChanges } from '../model/case.js';
import type { CaseEvent } from '../model/events.js';
import type { CaseSnapshot } from '../model/snapshot.js';

/** A command applied: the new snapshot to persist, what happened, and the timers to (un)schedule. */
export interface StepApplied {
  readonly ok: true;
  readonly snapshot: CaseSnapshot;
  readonly events: readonly CaseEvent[];
  readonly timers: TimerChanges;
  /** Every task open after the command, user and service. */
  readonly openTasks: readonly TaskRecord[];
}

/** A command refused: nothing changed. */
export interface StepRefused {
  readonly ok: false;
  readonly error: TongbanError;
}

export type StepResult = StepApplied | StepRefused;
