import type { CalendarSource, CaseEventType, ClockState, Instant, Light } from '@tongban/engine';
import { defaultCalendarRegistry } from '@tongban/engine/calendar';
import { clockStatus } from '@tongban/engine/clock';
import { beijingLastDay } from '@tongban/engine/supervision';
import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../store/database.js';
import { type BoardFilter, countQuery, countsOf, pageQuery, RANKS } from './board-sql.js';
import { typeLiteral } from './statistics-sql.js';

export type { BoardFilter } from './board-sql.js';

/** 受理: the event whose actor accepted the case, as an SQL literal. */
const ACCEPTED = typeLiteral('case.started' satisfies CaseEventType);

/** Options of {@link queryBoard}. */
export interface BoardOptions extends BoardFilter {
  /** "Now" for overdue tasks and working days left (default `Date.now()`). */
  readonly now?: Instant;
  /** Most cases returned, most urgent first (default 100). */
  readonly limit?: number;
  /** Cases skipped before the first returned, in the same order (default 0): the board's paging. */
  readonly offset?: number;
  /** Calendars the clocks count on (default: the engine's default registry). */
  readonly calendars?: CalendarSource;
}

/** Options of {@link countBoard}: the board's filters and its "now". */
export interface BoardCountOptions extends BoardFilter {
  /** "Now" for overdue tasks (default `Date.now()`). */
  readonly now?: Instant;
}

/** How many open cases the board holds, for paging and the urgency tiles. */
export interface BoardTotals {
  /** Open cases matching every filter (the length of the whole board, all pages). */
  readonly total: number;
  /**
   * Open cases by urgency matching every filter except `light`, so the tiles show all four while a
   * light filter is on; `none` is a case without a limit.
   */
  readonly counts: {
    readonly red: number;
    readonly yellow: number;
    readonly green: number;
    readonly none: number;
  };
}

/** One open task on the board. */
export interface BoardTask {
  readonly taskId: string;
  readonly elementId: string;
  readonly name: string | null;
  readonly department: string | null;
  readonly role: string | null;
  /** The person handling it for the department: the delegate (委派), else who claimed it (签收). */
  readonly responsible: string | null;
  readonly openedAt: Instant;
  /** Deadline as the first overdue instant (for comparisons). */
  readonly dueAt: Instant | null;
  /** The same deadline as people read it: its last day (截止日期, Beijing `YYYY-MM-DD`). */
  readonly lastDay: string | null;
  /** The task clock's light now (null without a limit). */
  readonly light: Light | null;
  readonly remainingWorkingDays: number | null;
}

/** One open case on the board. */
export interface BoardCase {
  readonly caseId: string;
  readonly matterCode: string | null;
  readonly status: string;
  /** Urgency: red when the case or any open task is overdue, else the case light. */
  readonly urgency: Light | null;
  /** The case clock's light now. */
  readonly light: Light | null;
  /** Deadline as the first overdue instant (for comparisons). */
  readonly dueAt: Instant | null;
  /** The same deadline as people read it: its last day (截止日期, Beijing `YYYY-MM-DD`). */
  readonly lastDay: string | null;
  readonly remainingWorkingDays: number | null;
  /** The nearest deadline among the case and its open tasks. */
  readonly nearestDueAt: Instant | null;
  readonly leadDepartment: string | null;
  /** 受理人: who accepted the case, the person responsible for it at the centre. */
  readonly responsible: string | null;
  readonly startedAt: Instant;
  readonly region: {
    readonly province: string | null;
    readonly city: string | null;
    readonly county: string | null;
  };
  /** Open user tasks, most urgent first. */
  readonly tasks: readonly BoardTask[];
}

interface CaseRowRaw {
  id: string;
  matter_code: string | null;
  status: string;
  light: string | null;
  due_at: string | number | null;
  started_at: string | number;
  region_province: string | null;
  region_city: string | null;
  region_county: string | null;
  case_clock: ClockState | null;
  rank: number;
  nearest_due: string | number | null;
  lead_department: string | null;
  accepted_by: string | null;
}

interface TaskRowRaw {
  case_id: string;
  task_id: string;
  element_id: string;
  name: string | null;
  department: string | null;
  role: string | null;
  opened_at: string | number;
  due_at: string | number | null;
  light: string | null;
  clock: ClockState | null;
  responsible: string | null;
}

const nullableNumber = (value: string | number | null): number | null =>
  value === null ? null : Number(value);
const isLight = (value: unknown): value is Light =>
  value === 'green' || value === 'yellow' || value === 'red';

// A department's board shows only its own open tasks: the filter picks the cases, and listing other
// departments' tasks under them would show the department work that is not its to do.
function departmentTasks(department: string | undefined): SQL {
  return department === undefined ? sql`` : sql` and t.department = ${department}`;
}

/**
 * The live board (实时监察看板): open cases, most urgent first — red (the case or one of its open
 * tasks past its deadline) before yellow before green, then the nearest deadline — each with its
 * open tasks, lights, deadlines, working days left, lead department and responsible person. One
 * SQL query picks and orders the cases (the same on PGlite and PostgreSQL); lights and working
 * days left are then computed from each case's clocks at `now`, so they are exact even when a
 * light timer has not fired yet.
 */
export async function queryBoard(db: Executor, options: BoardOptions = {}): Promise<BoardCase[]> {
  const now = options.now ?? Date.now();
  const limit = Math.max(1, Math.floor(options.limit ?? 100));
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  const calendars = options.calendars ?? defaultCalendarRegistry();
  // Pick and order the page in index order (the open tasks' nearest deadline is the case's
  // `task_due` column, kept by the write function); only the page's rows then read snapshots and
  // look up people.
  const cases = await queryRows<CaseRowRaw>(
    db,
    sql`with page as (${pageQuery(options, now, limit, offset)})
      select c.id, c.matter_code, c.status, c.light, c.due_at, c.started_at,
        c.region_province, c.region_city, c.region_county,
        c.snapshot #> '{machine,context,clocks,case}' as case_clock, p.rank, p.nearest_due,
        (select l.department from tasks l where l.case_id = c.id and l.role = 'lead' and l.department is not null
          order by l.opened_at, l.task_id limit 1) as lead_department,
        (select e.payload #>> '{data,actor}' from events e where e.case_id = c.id and e.type = ${ACCEPTED}
          order by e.seq limit 1) as accepted_by
      from page p join cases c on c.id = p.id
      order by p.rank, p.nearest_due asc nulls last, c.id`,
  );
  if (cases.length === 0) return [];
  const ids = cases.map((row) => row.id);
  const tasks = await queryRows<TaskRowRaw>(
    db,
    sql`select t.case_id, t.task_id, t.element_id, t.name, t.department, t.role, t.opened_at, t.due_at,
        c.snapshot #>> array['machine', 'context', 'lights', t.task_id] as light,
        c.snapshot #> array['machine', 'context', 'clocks', t.task_id] as clock,
        coalesce(c.snapshot #>> array['machine', 'context', 'tasks', t.task_id, 'delegatedTo'],
          c.snapshot #>> array['machine', 'context', 'tasks', t.task_id, 'claimedBy']) as responsible
      from tasks t join cases c on c.id = t.case_id
      where t.case_id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))
        and t.status = 'open' and t.kind = 'user'${departmentTasks(options.department)}`,
  );
  const status = (clock: ClockState | null) => {
    if (clock === null) return null;
    try {
      return clockStatus(clock, calendars, now, { provisional: true });
    } catch {
      return null; // a calendar this process does not have: show the stored light, no day count
    }
  };
  const byCase = new Map<string, BoardTask[]>();
  for (const row of tasks) {
    const live = status(row.clock);
    const dueAt = live?.dueAt ?? nullableNumber(row.due_at);
    const task: BoardTask = {
      taskId: row.task_id,
      elementId: row.element_id,
      name: row.name,
      department: row.department,
      role: row.role,
      responsible: row.responsible,
      openedAt: Number(row.opened_at),
      dueAt,
      lastDay: dueAt === null ? null : beijingLastDay(dueAt),
      light: live?.light ?? (isLight(row.light) ? row.light : null),
      remainingWorkingDays: live?.remainingWorkingDays ?? null,
    };
    const list = byCase.get(row.case_id) ?? [];
    list.push(task);
    byCase.set(row.case_id, list);
  }
  return cases.map((row): BoardCase => {
    const live = status(row.case_clock);
    const dueAt = live?.dueAt ?? nullableNumber(row.due_at);
    const own = (byCase.get(row.id) ?? []).sort(
      (a, b) =>
        RANKS.indexOf(a.light) - RANKS.indexOf(b.light) ||
        (a.dueAt ?? Number.MAX_SAFE_INTEGER) - (b.dueAt ?? Number.MAX_SAFE_INTEGER) ||
        a.taskId.localeCompare(b.taskId),
    );
    return {
      caseId: row.id,
      matterCode: row.matter_code,
      status: row.status,
      urgency: RANKS[row.rank] ?? null,
      light: live?.light ?? (isLight(row.light) ? row.light : null),
      dueAt,
      lastDay: dueAt === null ? null : beijingLastDay(dueAt),
      remainingWorkingDays: live?.remainingWorkingDays ?? null,
      nearestDueAt: nullableNumber(row.nearest_due),
      leadDepartment: row.lead_department,
      responsible: row.accepted_by,
      startedAt: Number(row.started_at),
      region: { province: row.region_province, city: row.region_city, county: row.region_county },
      tasks: own,
    };
  });
}

/**
 * The board's totals at `now`: how many open cases match the filters, and how many of them are red,
 * yellow, green or without a limit with every filter but `light` applied, ranked exactly as
 * {@link queryBoard} ranks its cases (from indexes: live cases by stored light, and the overdue ones).
 */
export async function countBoard(db: Executor, options: BoardCountOptions = {}): Promise<BoardTotals> {
  const now = options.now ?? Date.now();
  const rows = await queryRows<{ part: string; light: string | null; n: string | number }>(
    db,
    countQuery(options, now),
  );
  const [red, yellow, green, none] = countsOf(rows);
  const counts = { red, yellow, green, none };
  const total = options.light === undefined ? red + yellow + green + none : counts[options.light];
  return { total, counts };
}
