import { clockStatus, startClock, stopClock, timerDueAt } from '../clock/index.js';
import type { CompiledDefinition } from '../compile/compile.js';
import { type CaseStatus, isLiveStatus, type TaskRecord } from '../model/case.js';
import type { ClockState } from '../model/clock.js';
import type { CaseContext } from '../model/context.js';
import type { CaseSnapshot } from '../model/snapshot.js';
import type { Instant } from '../model/time.js';
import { recordClockClosing } from './clock-record.js';

/** The case clock's key in `context.clocks`; task clocks use their task id. */
export const CASE_CLOCK = 'case';
const DEFAULT_CALENDAR = 'CN';

/** Light timer ids name their clock and due instant, so a rescheduled light is a new timer. */
const lightTimerPrefix = (clockKey: string): string => `light:${clockKey}@`;

function dropLightTimer(context: CaseContext, clockKey: string): void {
  const prefix = lightTimerPrefix(clockKey);
  for (const id of Object.keys(context.timers)) if (id.startsWith(prefix)) delete context.timers[id];
}

/**
 * Puts times on what the statechart armed, after every command: BPMN timers get their due instant
 * on the calendar; the case clock starts at acceptance and stops when the case ends; tasks with a
 * limit get a clock and a deadline; every clock's next light change is a timer of the case, so
 * lights change even when nobody touches the case.
 */
export function scheduleTimes(
  definition: CompiledDefinition,
  context: CaseContext,
  base: Pick<CaseSnapshot, 'startedAt' | 'dueAt'>,
  status: CaseStatus,
  now: Instant,
  touched: ReadonlySet<string> = new Set(),
): Pick<CaseSnapshot, 'light' | 'dueAt'> {
  const options = { provisional: definition.provisional };
  const calendars = definition.calendars;

  for (const timer of Object.values(context.timers)) {
    if (timer.purpose !== 'bpmn' || timer.dueAt >= 0 || timer.elementId === null) continue;
    const spec = definition.timing.timers.get(timer.elementId);
    if (!spec) continue;
    const due = timerDueAt(spec, now, calendars, options);
    context.timers[timer.id] = { ...timer, dueAt: due.value };
  }

  const matter = definition.matter;
  const caseLimit = matter?.promisedLimit ?? matter?.legalLimit ?? null;
  if (
    caseLimit &&
    context.clocks[CASE_CLOCK] === undefined &&
    isLiveStatus(status) &&
    context.intake === 'accepted'
  ) {
    context.clocks[CASE_CLOCK] = startClock(
      {
        limit: caseLimit,
        calendar: matter?.calendar ?? DEFAULT_CALENDAR,
        startedAt: base.startedAt,
        warning: matter?.warning ?? null,
        ...(matter?.officeHours ? { officeHours: matter.officeHours } : {}),
      },
      calendars,
    );
  }

  for (const task of Object.values(context.tasks)) {
    const spec = definition.timing.taskLimits.get(task.elementId);
    if (!spec || context.clocks[task.id] !== undefined) continue;
    const clock = startClock(
      {
        limit: spec.limit,
        calendar: matter?.calendar ?? DEFAULT_CALENDAR,
        startedAt: task.openedAt,
        warning: spec.warning,
        ...(matter?.officeHours ? { officeHours: matter.officeHours } : {}),
      },
      calendars,
    );
    context.clocks[task.id] = clock;
    const due = clockStatus(clock, calendars, now, options);
    context.tasks[task.id] = { ...task, dueAt: due.dueAt };
    const opened = context.out.findIndex((e) => e.type === 'task.opened' && e.taskId === task.id);
    const event = context.out[opened];
    if (event) context.out[opened] = { ...event, data: { ...event.data, dueAt: due.dueAt } };
  }

  // Task clocks end with their task; the case clock stops (and stays, for the record) with the case.
  for (const key of Object.keys(context.clocks)) {
    if (key !== CASE_CLOCK && context.tasks[key] === undefined) {
      const closing = context.clocks[key];
      if (closing) recordClockClosing(definition, context, key, closing, now, false);
      delete context.clocks[key];
      delete context.lights[key];
      dropLightTimer(context, key);
    }
  }
  const caseClock = context.clocks[CASE_CLOCK];
  if (caseClock && !isLiveStatus(status) && caseClock.stoppedAt === null) {
    recordClockClosing(definition, context, CASE_CLOCK, caseClock, now, true);
    context.clocks[CASE_CLOCK] = stopClock(caseClock, now);
    dropLightTimer(context, CASE_CLOCK);
  }

  let caseDue = base.dueAt;
  for (const [key, clock] of Object.entries(context.clocks)) {
    if (clock.stoppedAt !== null || !(touched.has(key) || lightMayHaveChanged(context, key))) continue;
    const dueAt = updateLight(definition, context, key, clock, now);
    if (key === CASE_CLOCK) caseDue = dueAt;
  }

  if (!context.clocks[CASE_CLOCK]) return { light: null, dueAt: null };
  const started = context.out.find((e) => e.type === 'case.started');
  if (started && caseDue !== null) Object.assign(started, { data: { ...started.data, dueAt: caseDue } });
  return { light: context.lights[CASE_CLOCK] ?? null, dueAt: caseDue };
}

/**
 * A light can only change when its clock is new, or its scheduled change has just fired (its light
 * timer is gone), so unchanged clocks are not recomputed on every command. Clocks that a command
 * moved (suspended, resumed, extended) come in `touched` and are always recomputed.
 */
function lightMayHaveChanged(context: CaseContext, key: string): boolean {
  const light = context.lights[key];
  if (light === undefined) return true;
  if (light === 'red') return false;
  const prefix = lightTimerPrefix(key);
  return !Object.keys(context.timers).some((id) => id.startsWith(prefix));
}

/** Recomputes one clock's light and next light timer; returns the clock's due instant. */
function updateLight(
  definition: CompiledDefinition,
  context: CaseContext,
  key: string,
  clock: ClockState,
  now: Instant,
): Instant {
  const status = clockStatus(clock, definition.calendars, now, { provisional: definition.provisional });
  // A task's deadline moves with its clock (suspended, resumed, extended): keep the record in step.
  const owner = key === CASE_CLOCK ? undefined : context.tasks[key];
  if (owner && owner.dueAt !== status.dueAt) context.tasks[key] = { ...owner, dueAt: status.dueAt };
  const previous = context.lights[key];
  if (previous !== status.light) {
    context.lights[key] = status.light;
    // Every clock starts green, as its opening event says; a clock that opens in another light
    // (inside its warning window, or already overdue) announces that first light, `from: null`.
    if (previous !== undefined || status.light !== 'green') {
      const task: TaskRecord | undefined = key === CASE_CLOCK ? undefined : context.tasks[key];
      context.out.push({
        type: 'light.changed',
        at: now,
        caseId: context.caseId,
        ...(task
          ? { elementId: task.elementId, taskId: task.id, department: task.department, role: task.role }
          : {}),
        data: {
          clock: key === CASE_CLOCK ? 'case' : 'task',
          from: previous ?? null,
          to: status.light,
          dueAt: status.dueAt,
          overdue: status.overdue,
          remainingWorkingDays: status.remainingWorkingDays,
        },
      });
    }
  }
  dropLightTimer(context, key);
  if (status.next !== null) {
    const timerId = `${lightTimerPrefix(key)}${status.next.at}`;
    context.timers[timerId] = {
      id: timerId,
      dueAt: status.next.at,
      purpose: 'light',
      elementId: key === CASE_CLOCK ? null : (context.tasks[key]?.elementId ?? null),
    };
  }
  return status.dueAt;
}
