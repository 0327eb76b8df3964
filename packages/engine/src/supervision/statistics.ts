import { EXTENSION_EVENT_TYPES, SUSPENSION_EVENT_TYPES } from '../model/event-traits.js';
import type { CaseEvent, CaseEventType } from '../model/events.js';
import type { JsonValue } from '../model/json.js';
import type { Instant } from '../model/time.js';

/**
 * How statistics are grouped: 事项 (matter), department (部门, task level), staff (人员) and
 * window (窗口: the department of the person who accepted the case).
 */
export type StatisticsDimension = 'matter' | 'department' | 'staff' | 'window';

/** One group's figures over a period (效能监察). Definitions: docs/supervision.md. */
export interface StatisticsRow {
  /** The group: matter code, department, staff id or window; null when the events do not say. */
  readonly key: string | null;
  /** 收件: cases accepted (matter, window, staff) or tasks opened (department) in the period. */
  readonly received: number;
  /** 办结: cases decided (matter, window) or tasks completed (department, staff) in the period. */
  readonly completed: number;
  /** Completed before their deadline passed (or without a deadline). */
  readonly completedOnTime: number;
  /** Completed with at least one working day of the limit left (提前办结). */
  readonly completedEarly: number;
  /** Completed after their deadline (逾期办结). */
  readonly overdue: number;
  /** Sum over overdue completions of the working days past the deadline. */
  readonly workingDaysOver: number;
  /** Completions with a clock (those the working-day figures are over). */
  readonly timed: number;
  /** Sum of working days used (acceptance day not counted, suspended days aside). */
  readonly workingDaysUsed: number;
  /** `workingDaysUsed / timed`, or null when nothing timed was completed. */
  readonly averageWorkingDaysUsed: number | null;
  /** 挂起, 特别程序 and 补正 started in the period. */
  readonly suspensions: number;
  /** 延期 granted in the period. */
  readonly extensions: number;
  /** 催办 given in the period. */
  readonly urges: number;
  /** 督办 given in the period. */
  readonly supervisions: number;
}

/** What {@link computeStatistics} counts over. */
export interface StatisticsQuery {
  /** Period start (inclusive). */
  readonly from: Instant;
  /** Period end (exclusive). */
  readonly to: Instant;
  readonly by: StatisticsDimension;
  /** The matter code of a case (for `by: 'matter'`); default: none known (key null). */
  readonly matterOf?: (caseId: string) => string | null;
}

/** The counters every row has, in output order. */
export const STATISTICS_COUNTERS = [
  'received',
  'completed',
  'completedOnTime',
  'completedEarly',
  'overdue',
  'workingDaysOver',
  'timed',
  'workingDaysUsed',
  'suspensions',
  'extensions',
  'urges',
  'supervisions',
] as const;

type Counter = (typeof STATISTICS_COUNTERS)[number];
type Counts = Record<Counter, number>;

const SUSPENSIONS: ReadonlySet<string> = new Set(SUSPENSION_EVENT_TYPES);
const EXTENSIONS: ReadonlySet<string> = new Set(EXTENSION_EVENT_TYPES);

const str = (value: JsonValue | undefined): string | null => (typeof value === 'string' ? value : null);

/**
 * The events each figure counts, per dimension: 收件 and 办结 are case-level for matter and window
 * (受理, 办结 of the case) and task-level for department and staff. The stores' statistics SQL reads
 * the same table, so the two paths count the same events.
 */
export const STATISTICS_EVENTS = {
  received: {
    matter: 'case.started',
    window: 'case.started',
    staff: 'case.started',
    department: 'task.opened',
  },
  completed: {
    matter: 'case.completed',
    window: 'case.completed',
    staff: 'task.completed',
    department: 'task.completed',
  },
  urges: 'task.urged',
  supervisions: 'case.supervised',
} as const satisfies {
  readonly received: Readonly<Record<StatisticsDimension, CaseEventType>>;
  readonly completed: Readonly<Record<StatisticsDimension, CaseEventType>>;
  readonly urges: CaseEventType;
  readonly supervisions: CaseEventType;
};

/**
 * The group an event counts for, or undefined when it does not count for this dimension.
 * `windows` maps case ids to the window that accepted them (learnt from `case.started`).
 */
function groupOf(
  event: CaseEvent,
  by: StatisticsDimension,
  matterOf: (caseId: string) => string | null,
  windows: ReadonlyMap<string, string | null>,
): string | null {
  const data = event.data ?? {};
  switch (by) {
    case 'matter':
      return matterOf(event.caseId);
    case 'window':
      return windows.get(event.caseId) ?? null;
    case 'department':
      return event.department ?? null;
    case 'staff':
      return str(data.actor) ?? str(data.approver);
  }
}

function contribution(event: CaseEvent, by: StatisticsDimension): Partial<Counts> | null {
  const data = event.data ?? {};
  if (event.type === STATISTICS_EVENTS.received[by]) {
    if (by === 'department' && (event.department ?? null) === null) return null;
    return { received: 1 };
  }
  if (event.type === STATISTICS_EVENTS.completed[by]) {
    const late = data.late === true;
    const remaining = typeof data.remainingWorkingDays === 'number' ? data.remainingWorkingDays : null;
    const used = typeof data.workingDaysUsed === 'number' ? data.workingDaysUsed : null;
    return {
      completed: 1,
      completedOnTime: late ? 0 : 1,
      completedEarly: remaining !== null && remaining > 0 ? 1 : 0,
      overdue: late ? 1 : 0,
      // 0 - x, not -x: an on-the-day lateness adds 0, never -0.
      workingDaysOver: late && remaining !== null ? 0 - remaining : 0,
      timed: used !== null ? 1 : 0,
      workingDaysUsed: used ?? 0,
    };
  }
  if (SUSPENSIONS.has(event.type)) return { suspensions: 1 };
  if (EXTENSIONS.has(event.type)) return { extensions: 1 };
  if (event.type === STATISTICS_EVENTS.urges) return { urges: 1 };
  if (event.type === STATISTICS_EVENTS.supervisions) return { supervisions: 1 };
  return null;
}

const zero = (): Counts => ({
  received: 0,
  completed: 0,
  completedOnTime: 0,
  completedEarly: 0,
  overdue: 0,
  workingDaysOver: 0,
  timed: 0,
  workingDaysUsed: 0,
  suspensions: 0,
  extensions: 0,
  urges: 0,
  supervisions: 0,
});

/** Turns summed counters into a row (the average is derived, never summed). */
export function statisticsRow(key: string | null, counts: Readonly<Record<Counter, number>>): StatisticsRow {
  return {
    key,
    ...counts,
    averageWorkingDaysUsed: counts.timed === 0 ? null : counts.workingDaysUsed / counts.timed,
  };
}

/**
 * 效能监察 statistics as a pure reduction over case events: each event in `[from, to)` adds to the
 * group it belongs to. Completion figures come from what the completion event recorded (deadline,
 * lateness, working days left and used), so they need no calendar and are the same figures the
 * stores' SQL computes. Rows are sorted by key (null last); groups with no figure are left out.
 */
export function computeStatistics(events: Iterable<CaseEvent>, query: StatisticsQuery): StatisticsRow[] {
  const matterOf = query.matterOf ?? (() => null);
  const windows = new Map<string, string | null>();
  const groups = new Map<string | null, Counts>();
  for (const event of events) {
    if (event.type === STATISTICS_EVENTS.received.window) windows.set(event.caseId, str(event.data?.window));
    if (event.at < query.from || event.at >= query.to) continue;
    const add = contribution(event, query.by);
    if (add === null) continue;
    const key = groupOf(event, query.by, matterOf, windows);
    if (query.by === 'department' && key === null) continue;
    if (query.by === 'staff' && key === null) continue;
    let counts = groups.get(key);
    if (counts === undefined) {
      counts = zero();
      groups.set(key, counts);
    }
    for (const [name, value] of Object.entries(add) as [Counter, number][]) counts[name] += value;
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0))
    .map(([key, counts]) => statisticsRow(key, counts));
}

/** The totals of several rows (key null). */
export function totalStatistics(rows: readonly StatisticsRow[]): StatisticsRow {
  const counts = zero();
  for (const row of rows) for (const name of STATISTICS_COUNTERS) counts[name] += row[name];
  return statisticsRow(null, counts);
}
