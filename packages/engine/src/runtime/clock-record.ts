import { countBetween, dayOf, suspendedDays, workingCounter } from '../clock/counting.js';
import { clockStatus } from '../clock/index.js';
import type { CompiledDefinition } from '../compile/compile.js';
import type { ClockState } from '../model/clock.js';
import type { CaseContext } from '../model/context.js';
import { eventTypesWhere } from '../model/event-traits.js';
import type { CaseEvent } from '../model/events.js';
import type { JsonValue } from '../model/json.js';
import type { Instant } from '../model/time.js';

/** Events that close a case clock; the last one in a step gets the clock's closing record. */
const CASE_ENDINGS: ReadonlySet<CaseEvent['type']> = new Set(eventTypesWhere((t) => t.endsCase));

/**
 * The clock's figures at the moment it closes, for supervision statistics: whether it is overdue,
 * working days left (below 0 exactly when overdue: working days overdue, at least 1) and working days used since acceptance, suspended days aside.
 * Recorded on the closing event so statistics need no calendar, in SQL or in the browser.
 */
export function clockClosingRecord(
  definition: CompiledDefinition,
  clock: ClockState,
  now: Instant,
): Record<string, JsonValue> {
  const options = { provisional: definition.provisional };
  const status = clockStatus(clock, definition.calendars, now, options);
  const calendar = definition.calendars.getCalendar(clock.calendar);
  const start = dayOf(calendar, clock.startedAt);
  const end = dayOf(calendar, Math.min(now, clock.stoppedAt ?? now));
  const used = countBetween(
    workingCounter(calendar, definition.provisional),
    start,
    end,
    suspendedDays(clock, calendar, start, now),
  );
  return {
    dueAt: status.dueAt,
    // `late` is the older name of `overdue`; both come from the light, as `remainingWorkingDays` does.
    late: status.overdue,
    overdue: status.overdue,
    remainingWorkingDays: status.remainingWorkingDays,
    workingDaysUsed: Math.max(0, used),
  };
}

/**
 * Adds the closing record of a task clock to the step's `task.completed` event for that task, and
 * of the case clock to the step's ending event (办结, 撤回 …). Nothing else is changed.
 */
export function recordClockClosing(
  definition: CompiledDefinition,
  context: CaseContext,
  key: string,
  clock: ClockState,
  now: Instant,
  caseClock: boolean,
): void {
  let index = -1;
  for (let i = context.out.length - 1; i >= 0 && index < 0; i--) {
    const event = context.out[i];
    if (event === undefined) continue;
    if (caseClock ? CASE_ENDINGS.has(event.type) : event.type === 'task.completed' && event.taskId === key) {
      index = i;
    }
  }
  const event = context.out[index];
  if (event === undefined) return;
  const record = clockClosingRecord(definition, clock, now);
  context.out[index] = { ...event, data: { ...event.data, ...record } };
}
