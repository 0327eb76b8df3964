import type { ClockLight, ClockState } from '../clock/types.js';
import type { Instant } from '../model/time.js';
import type { CaseEvent } from './events.js';
import type { TaskRecord, TimerRecord, Variables } from './types.js';

/** Progress of one multi-instance task: how many instances, how many done, and how they voted. */
export interface MultiInstanceProgress {
  readonly of: number;
  completed: number;
  approved: number;
  rejected: number;
}

/**
 * The statechart's context: everything about a case that is not the active state itself. Plain
 * JSON. `step` clones it from the snapshot, lets the machine's actions change it, and persists it.
 */
export interface CaseContext {
  caseId: string;
  /** The instant of the command being applied; actions stamp events with it. */
  now: Instant;
  vars: Variables;
  /** Open tasks (user and service), by task id. */
  tasks: Record<string, TaskRecord>;
  /** Armed timers by id; `dueAt` is -1 until `step` computes it on the calendar. */
  timers: Record<string, TimerRecord>;
  /** Multi-instance progress by task element id. */
  mi: Record<string, MultiInstanceProgress>;
  /** Counter for task and timer ids, so ids are deterministic and never reused within a case. */
  seq: number;
  /** Events produced while applying the current command. Emptied before persisting. */
  out: CaseEvent[];
  /** Running clocks: the case clock under `case`, task clocks under their task id. */
  clocks: Record<string, ClockState>;
  /** Current light of each clock, by the same keys. */
  lights: Record<string, ClockLight>;
  /** Set when an exclusive or inclusive gateway found no flow to take (the command is refused). */
  noFlow: string | null;
  /** How the case ended, once it has. */
  ending: 'completed' | 'terminated' | 'failed' | 'withdrawn' | null;
}
