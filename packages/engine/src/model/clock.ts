import type { CivilDate, Instant, TimeLimit, WarningThreshold } from './time.js';

/**
 * One suspension of a clock (挂起: 补正, 特别程序 per 行政许可法 Art. 45): `[from, to)`, open while
 * `to` is null. Every civil day the interval touches is not counted (see docs/time-rules.md).
 */
export interface ClockSuspension {
  readonly from: Instant;
  readonly to: Instant | null;
  /** Why, for people and supervisors (e.g. `补正材料`). */
  readonly reason: string;
  /** Who suspended it (actor id). */
  readonly actor: string;
  /** Optional category, e.g. a GB/T 39046 特别程序种类 code or `补正`. */
  readonly kind?: string;
}

/** One extension (延期, Art. 42): `days` more in the limit's day unit, approved by `approver`. */
export interface ClockExtension {
  readonly days: number;
  readonly approver: string;
  readonly reason: string;
  readonly at: Instant;
}

/**
 * A case or task clock (承诺时限 / 法定时限 / a co-handler's reply limit). Plain JSON: store it in
 * the case snapshot; change it only through the clock functions, which return a new state.
 */
export interface ClockState {
  readonly limit: TimeLimit;
  /** Name of the calendar (in a {@link CalendarSource}) the clock counts on, e.g. `CN`. */
  readonly calendar: string;
  /** Acceptance (受理) instant: the clock starts here; its civil day is not counted. */
  readonly startedAt: Instant;
  readonly warning: WarningThreshold | null;
  readonly suspensions: readonly ClockSuspension[];
  readonly extensions: readonly ClockExtension[];
  /** When the clock stopped (办结, 撤回…), or null while it runs. */
  readonly stoppedAt: Instant | null;
  /** Office hours that `workingHours` limits count in (default 9:00–12:00, 13:30–17:30). */
  readonly officeHours?: readonly { readonly from: string; readonly to: string }[];
}

/** Traffic light of a clock: 正常 / 预警 / 逾期. */
export type ClockLight = 'green' | 'yellow' | 'red';

/** When a clock is due. */
export interface ClockDue {
  /** Last civil day of the limit, in the calendar's zone. */
  readonly dueDate: CivilDate;
  /** First instant the clock is overdue: `endOfDay(dueDate)` for day units, exact for hours. */
  readonly dueAt: Instant;
  /** True when the answer used days past the calendar's data (weekdays-only guess). */
  readonly provisional: boolean;
  /** True while a suspension is open: the due date will move when it ends. */
  readonly suspended: boolean;
}

/** The next scheduled light change of a clock. */
export interface LightChange {
  readonly light: 'yellow' | 'red';
  readonly at: Instant;
}

/** Everything about a clock at one instant, from one computation. */
export interface ClockStatus extends ClockDue {
  readonly light: ClockLight;
  /** Past its due instant (red): `remainingWorkingDays` is then below 0, and only then. */
  readonly overdue: boolean;
  /** First instant the light is (or was) yellow, or null when the clock has no warning. */
  readonly yellowAt: Instant | null;
  /**
   * Working days after today up to and including the due date (0 on the due date); when overdue,
   * minus the working days after the due date up to and including today, at least 1.
   */
  readonly remainingWorkingDays: number;
  readonly next: LightChange | null;
}

/** Options for clock computations. */
export interface ClockOptions {
  /** Allow a weekdays-only answer past the calendar's data, marked `provisional`. Default false. */
  readonly provisional?: boolean;
  /**
   * An open suspension counts as lasting until this instant (default: its own start). Light and
   * status functions pass their `now` here.
   */
  readonly asOf?: Instant;
}

/** One hold of a BPMN timer, `[from, to)`, open while `to` is null. */
export interface TimerHold {
  readonly from: Instant;
  readonly to: Instant | null;
}

/**
 * A BPMN timer that has been held (its case 挂起, its task in 特别程序 or waiting for 补正): what
 * it needs to fall due again the way the clocks count. Plain JSON, kept in the case snapshot.
 */
export interface HeldTimer {
  /** When it was armed; for a working-day timer only its civil day and its wall time matter. */
  readonly armedAt: Instant;
  /** When it fell due before its first hold. */
  readonly dueAt: Instant;
  readonly holds: readonly TimerHold[];
}
