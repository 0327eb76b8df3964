import type { TaskRecord, TimerRecord } from './case.js';
import type { ClockLight, ClockState, HeldTimer } from './clock.js';
import type { CaseEvent } from './events.js';
import type { Variables } from './json.js';
import type { RecallRecord } from './recall.js';
import type { Instant } from './time.js';

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
  /** `pending` while a case registered without 受理 waits for `accept` or `refuseIntake`. */
  intake: 'pending' | 'accepted';
  /** 挂起 of the whole case, while it lasts. */
  suspended: { readonly at: Instant; readonly reason: string; readonly actor: string } | null;
  /** An open 补正 request. */
  supplement: {
    readonly taskId: string;
    readonly elementId: string;
    readonly department: string;
    readonly at: Instant;
    readonly reason: string;
    readonly items: readonly string[];
  } | null;
  /** Sent back to the applicant (退回申请人), waiting for `resubmit`. */
  returned: {
    readonly elementId: string;
    readonly department: string;
    readonly at: Instant;
    readonly reason: string;
    /** Whether every other branch of its stages had finished: only then can it return directly. */
    readonly othersDone: boolean;
  } | null;
  /** Open 特别程序 by task id. */
  special: Record<string, { readonly kind: string; readonly reason: string; readonly at: Instant }>;
  /**
   * BPMN timers set aside while the case was suspended, as snapshots before held timers wrote
   * them: their remaining time, by element id. Read once, into `heldTimers`; never written.
   */
  parkedTimers: Record<string, number>;
  /**
   * BPMN timers that have been held (挂起 of the case; 特别程序 or 补正 of a task of their
   * activity), by element id, while they stay armed; held now when the last hold is open (the
   * timer is then not in `timers`). Absent when none. See `timer-holds.ts`.
   */
  heldTimers?: Record<string, HeldTimer>;
  /** Element ids of completed user tasks, most recent last (for 退回 to the previous step). */
  trail: string[];
  /** 督办 orders by id, open until answered. */
  supervisions: Record<
    string,
    {
      readonly id: string;
      readonly department: string;
      readonly message: string;
      readonly at: Instant;
      readonly dueAt: Instant;
      readonly ruleId: string | null;
      readonly overdue: boolean;
    }
  >;
  /** Set when an exclusive or inclusive gateway found no flow to take (the command is refused). */
  noFlow: string | null;
  /**
   * 撤回: completions that can still be pulled back, by the completed task's id. Absent when none
   * (most of the time), so snapshots stay small. See `recall.ts`.
   */
  recall?: Record<string, RecallRecord>;
  /** How the case ended, once it has. */
  ending: 'completed' | 'terminated' | 'failed' | 'withdrawn' | 'refused' | null;
}
