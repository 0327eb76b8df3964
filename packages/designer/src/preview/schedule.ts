import type {
  CalendarSource,
  CivilDate,
  ClockStatus,
  CompiledDefinition,
  FlowNode,
  Instant,
  Scope,
  TimeLimit,
  WarningThreshold,
  WorkCalendar,
} from '@tongban/engine';
import { MAINLAND_CALENDAR } from '@tongban/engine/calendar';
import { clockStatus, startClock, timerDueAt } from '@tongban/engine/clock';

/** One step of the preview: when it can start at the earliest and when its own limit runs out. */
export interface PreviewRow {
  readonly elementId: string;
  readonly name: string | null;
  readonly kind: 'userTask' | 'timerCatch' | 'messageCatch' | 'subProcess' | 'boundaryEvent';
  /** Department, or the fixed co-handling departments of a multi-instance task. */
  readonly departments: readonly string[];
  readonly role: 'lead' | 'co' | null;
  readonly limit: TimeLimit | null;
  readonly start: CivilDate;
  /** Last day of the step's limit (a timer: the day it fires); null for a step with no limit. */
  readonly due: CivilDate | null;
  /** First day the step's light is yellow, or null without a warning. */
  readonly yellow: CivilDate | null;
  /** True when the answer used days past the calendar's holiday data (weekdays only). */
  readonly provisional: boolean;
}

/** The case clock: promised limit (承诺时限), else the legal limit (法定时限). */
export interface CaseDeadline {
  readonly limit: TimeLimit;
  readonly due: CivilDate;
  readonly yellow: CivilDate | null;
  readonly provisional: boolean;
  /** The legal limit's last day, when a promised limit is also set. */
  readonly legalDue: CivilDate | null;
}

/** A run of days off with one name (e.g. 春节), or a make-up working day (调休). */
export interface CalendarNote {
  readonly kind: 'holiday' | 'makeUp';
  readonly name: string;
  readonly from: CivilDate;
  readonly to: CivilDate;
}

export interface DeadlinePreview {
  readonly acceptance: CivilDate;
  readonly calendar: string;
  readonly caseDeadline: CaseDeadline | null;
  readonly rows: readonly PreviewRow[];
  /** Holidays and make-up days between acceptance and the last due date. */
  readonly notes: readonly CalendarNote[];
  /** The last day of the plan when every step uses its full limit. */
  readonly plannedEnd: CivilDate;
}

/** Acceptance happens during office hours; 09:00 keeps hour limits meaningful. */
const ACCEPTANCE_HOUR_MS = 9 * 3_600_000;

interface Timed {
  readonly status: ClockStatus;
}

function runClock(
  calendars: CalendarSource,
  calendar: string,
  limit: TimeLimit,
  warning: WarningThreshold | null,
  startedAt: Instant,
): Timed {
  const clock = startClock({ limit, calendar, startedAt, warning }, calendars);
  return { status: clockStatus(clock, calendars, startedAt, { provisional: true }) };
}

/** Sequence flows that go back to a node already on the path (退回 loops), found depth first. */
function backEdges(scope: Scope): Set<string> {
  const back = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string): void => {
    state.set(id, 'open');
    for (const flowId of scope.nodes[id]?.outgoing ?? []) {
      const target = scope.flows[flowId]?.target;
      if (target === undefined) continue;
      const seen = state.get(target);
      if (seen === 'open') back.add(flowId);
      else if (seen === undefined) visit(target);
    }
    state.set(id, 'done');
  };
  const entries = Object.values(scope.nodes).filter(
    (n) => n.kind === 'startEvent' || n.incoming.length === 0,
  );
  for (const node of entries) if (!state.has(node.id)) visit(node.id);
  for (const node of Object.values(scope.nodes)) if (!state.has(node.id)) visit(node.id);
  return back;
}

class Planner {
  readonly rows: PreviewRow[] = [];
  latest: Instant;
  constructor(
    private readonly definition: CompiledDefinition,
    private readonly calendar: WorkCalendar,
    acceptedAt: Instant,
  ) {
    this.latest = acceptedAt;
  }

  private date(instant: Instant): CivilDate {
    return this.calendar.civilDateOf(instant);
  }

  /** Plans a scope starting at `from`; returns when its last path ends. */
  scope(scope: Scope, from: Instant): Instant {
    const back = backEdges(scope);
    const nodes = Object.values(scope.nodes);
    const waiting = new Map<string, number>();
    const ready = new Map<string, Instant>();
    const finish = new Map<string, Instant>();
    for (const node of nodes) {
      const incoming = node.incoming.filter((f) => !back.has(f)).length;
      const attached = node.kind === 'boundaryEvent' ? 1 : 0;
      waiting.set(node.id, incoming + attached);
      if (incoming + attached === 0) ready.set(node.id, from);
    }
    const queue = nodes.filter((n) => waiting.get(n.id) === 0).map((n) => n.id);
    const release = (id: string, at: Instant): void => {
      ready.set(id, Math.max(ready.get(id) ?? at, at));
      const left = (waiting.get(id) ?? 1) - 1;
      waiting.set(id, left);
      if (left === 0) queue.push(id);
    };
    while (queue.length > 0) {
      const id = queue.shift()!;
      const node = scope.nodes[id];
      if (!node) continue;
      const start = ready.get(id) ?? from;
      const end = this.node(node, start);
      finish.set(id, end);
      this.latest = Math.max(this.latest, end);
      // A boundary event is armed when its task opens.
      for (const boundary of 'boundaries' in node ? node.boundaries : []) release(boundary, start);
      for (const flowId of node.outgoing) {
        const flow = scope.flows[flowId];
        if (flow && !back.has(flowId)) release(flow.target, end);
      }
    }
    return Math.max(from, ...finish.values());
  }

  private node(node: FlowNode, start: Instant): Instant {
    const { calendars } = this.definition;
    const calendarName = this.calendar.name;
    switch (node.kind) {
      case 'userTask': {
        const departments = node.multiInstance
          ? [...node.multiInstance.departments]
          : node.department
            ? [node.department]
            : [];
        if (node.limit === null) {
          this.push(node, 'userTask', departments, node.role, null, start, null, null, false);
          return start;
        }
        const warning = node.warning ?? this.definition.matter?.warning ?? null;
        const { status } = runClock(calendars, calendarName, node.limit, warning, start);
        this.push(
          node,
          'userTask',
          departments,
          node.role,
          node.limit,
          start,
          status.dueDate,
          status.yellowAt,
          status.provisional,
        );
        // The next step is handed over on the due day; its own count starts the day after.
        return status.dueAt - 1;
      }
      case 'timerCatch':
      case 'boundaryEvent': {
        const timer =
          node.kind === 'timerCatch' ? node.timer : node.trigger.type === 'timer' ? node.trigger.timer : null;
        if (timer === null) return start;
        const fires = timerDueAt(timer, start, calendars, { provisional: true });
        this.push(node, node.kind, [], null, null, start, this.date(fires.value), null, fires.provisional);
        return fires.value;
      }
      case 'messageCatch':
        this.push(node, 'messageCatch', [], null, null, start, null, null, false);
        return start;
      case 'subProcess': {
        const end = this.scope(node.scope, start);
        this.push(node, 'subProcess', [], null, null, start, this.date(end), null, false);
        return end;
      }
      default:
        return start;
    }
  }

  private push(
    node: FlowNode,
    kind: PreviewRow['kind'],
    departments: readonly string[],
    role: PreviewRow['role'],
    limit: TimeLimit | null,
    start: Instant,
    due: CivilDate | null,
    yellowAt: Instant | null,
    provisional: boolean,
  ): void {
    this.rows.push({
      elementId: node.id,
      name: node.name,
      kind,
      departments,
      role,
      limit,
      start: this.date(start),
      due,
      // A warning longer than the step's own limit makes it yellow from the start.
      yellow: yellowAt === null ? null : this.date(Math.max(yellowAt, start)),
      provisional,
    });
  }
}

/** Holidays and make-up days from `from` to `to`, consecutive days of one name merged. */
export function calendarNotes(calendar: WorkCalendar, from: CivilDate, to: CivilDate): CalendarNote[] {
  const notes: CalendarNote[] = [];
  let last: { kind: CalendarNote['kind']; name: string; from: CivilDate; to: CivilDate } | null = null;
  for (let day = from; day <= to; day = calendar.addNaturalDays(day, 1)) {
    if (!calendar.covers(day)) break;
    const holiday = calendar.data.holidays[day];
    const workday = calendar.data.workdays[day];
    const entry =
      holiday !== undefined
        ? { kind: 'holiday' as const, name: holiday }
        : workday !== undefined
          ? { kind: 'makeUp' as const, name: workday }
          : null;
    if (
      entry &&
      last &&
      last.kind === entry.kind &&
      last.name === entry.name &&
      calendar.addNaturalDays(last.to, 1) === day
    ) {
      last.to = day;
      continue;
    }
    if (last) notes.push(last);
    last = entry ? { ...entry, from: day, to: day } : null;
  }
  if (last) notes.push(last);
  return notes;
}

/**
 * The deadline preview of a compiled matter for an acceptance date: the case's due date and yellow
 * day on the official calendar, and for every step the earliest day it can start and its own due
 * date, assuming each step before it uses its full limit (the worst case a department can cause
 * without being late). Loops back (退回) are not followed; 补正 waits count as no time, since the
 * clock is suspended while the applicant supplies materials.
 */
export function previewDeadlines(definition: CompiledDefinition, acceptance: CivilDate): DeadlinePreview {
  const matter = definition.matter;
  const calendarName = matter?.calendar ?? MAINLAND_CALENDAR;
  const calendar = definition.calendars.getCalendar(calendarName);
  const acceptedAt = calendar.startOfDay(acceptance) + ACCEPTANCE_HOUR_MS;

  let caseDeadline: CaseDeadline | null = null;
  const caseLimit = matter?.promisedLimit ?? matter?.legalLimit ?? null;
  if (caseLimit) {
    const { status } = runClock(
      definition.calendars,
      calendarName,
      caseLimit,
      matter?.warning ?? null,
      acceptedAt,
    );
    const legal =
      matter?.promisedLimit && matter.legalLimit
        ? runClock(definition.calendars, calendarName, matter.legalLimit, null, acceptedAt).status.dueDate
        : null;
    caseDeadline = {
      limit: caseLimit,
      due: status.dueDate,
      yellow: status.yellowAt === null ? null : calendar.civilDateOf(status.yellowAt),
      provisional: status.provisional,
      legalDue: legal,
    };
  }

  const planner = new Planner(definition, calendar, acceptedAt);
  planner.scope(definition.model.root, acceptedAt);
  const plannedEnd = calendar.civilDateOf(planner.latest);
  const lastDay = [plannedEnd, caseDeadline?.due, caseDeadline?.legalDue]
    .filter((d): d is CivilDate => typeof d === 'string')
    .sort()
    .at(-1)!;
  return {
    acceptance,
    calendar: calendarName,
    caseDeadline,
    rows: planner.rows,
    notes: calendarNotes(calendar, acceptance, lastDay),
    plannedEnd,
  };
}
