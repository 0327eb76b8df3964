import type { CalendarSource } from '../calendar/index.js';
import { checkTimeLimit, checkTimerDefinition, checkWarning } from '../clock/index.js';
import { TongbanError } from '../errors.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { ProcessModel, Scope, TimerDefinition } from '../model/process.js';
import type { TimeLimit, WarningThreshold } from '../model/time.js';

/** What the scheduler needs to know about an element's time, looked up by element id. */
export interface TimingIndex {
  readonly timers: ReadonlyMap<string, TimerDefinition>;
  readonly taskLimits: ReadonlyMap<
    string,
    { readonly limit: TimeLimit; readonly warning: WarningThreshold | null }
  >;
}

function* allNodes(scope: Scope): Generator<Scope['nodes'][string]> {
  for (const node of Object.values(scope.nodes)) {
    yield node;
    if (node.kind === 'subProcess') yield* allNodes(node.scope);
  }
}

export function indexTiming(model: ProcessModel): TimingIndex {
  const timers = new Map<string, TimerDefinition>();
  const taskLimits = new Map<string, { limit: TimeLimit; warning: WarningThreshold | null }>();
  for (const node of allNodes(model.root)) {
    if (node.kind === 'timerCatch') timers.set(node.id, node.timer);
    if (node.kind === 'boundaryEvent' && node.trigger.type === 'timer')
      timers.set(node.id, node.trigger.timer);
    if (node.kind === 'userTask' && node.limit !== null) {
      taskLimits.set(node.id, { limit: node.limit, warning: node.warning ?? model.matter?.warning ?? null });
    }
  }
  return { timers, taskLimits };
}

function diagnose(elementId: string, code: Diagnostic['code'], check: () => void): Diagnostic[] {
  try {
    check();
    return [];
  } catch (error) {
    if (!(error instanceof TongbanError)) throw error;
    return [{ elementId, code, message: error.message, severity: 'error' }];
  }
}

/** Every timer, limit and calendar name must be one the clocks can count. */
export function checkTiming(model: ProcessModel, calendars: CalendarSource): Diagnostic[] {
  const out: Diagnostic[] = [];
  const matter = model.matter;
  if (matter) {
    if (matter.calendar !== null) {
      out.push(...diagnose(model.id, 'UNKNOWN_CALENDAR', () => calendars.getCalendar(matter.calendar!)));
    }
    for (const limit of [matter.legalLimit, matter.promisedLimit]) {
      if (limit) out.push(...diagnose(model.id, 'BAD_TIME_LIMIT', () => checkTimeLimit(limit)));
    }
    if (matter.warning)
      out.push(...diagnose(model.id, 'BAD_TIME_LIMIT', () => checkWarning(matter.warning!)));
  }
  for (const node of allNodes(model.root)) {
    const timer =
      node.kind === 'timerCatch'
        ? node.timer
        : node.kind === 'boundaryEvent' && node.trigger.type === 'timer'
          ? node.trigger.timer
          : null;
    if (timer) {
      out.push(...diagnose(node.id, 'BAD_TIMER', () => checkTimerDefinition({ ...timer, calendar: null })));
      if (timer.calendar !== null) {
        out.push(...diagnose(node.id, 'UNKNOWN_CALENDAR', () => calendars.getCalendar(timer.calendar!)));
      }
    }
    if (node.kind === 'userTask') {
      if (node.limit) out.push(...diagnose(node.id, 'BAD_TIME_LIMIT', () => checkTimeLimit(node.limit!)));
      if (node.warning) out.push(...diagnose(node.id, 'BAD_TIME_LIMIT', () => checkWarning(node.warning!)));
    }
  }
  return out;
}
