import type { CalendarSource } from '../calendar/registry.js';
import type { HorizonOptions } from '../calendar/work-calendar.js';
import type { HeldTimer } from '../model/clock.js';
import type { TimerDefinition } from '../model/process.js';
import type { Instant } from '../model/time.js';
import {
  addCountingTime,
  countBack,
  countForward,
  dayOf,
  suspendedDays,
  workingCounter,
} from './counting.js';
import { parseTimerCycle, timerWorkingDays } from './timer.js';

/**
 * The record of a timer about to be held for the first time, armed to fall due at `dueAt`. A
 * working-day timer's arming day is the last day from which its working days lead to `dueAt`
 * (the days between are not counted either way), at `dueAt`'s wall time.
 */
export function heldTimer(
  timer: TimerDefinition,
  dueAt: Instant,
  calendars: CalendarSource,
  options: HorizonOptions = {},
): HeldTimer {
  const split = timerWorkingDays(timer, calendars);
  if (split === null) return { armedAt: dueAt, dueAt, holds: [] };
  const { calendar, days, tailMs } = split;
  const dayPart = addCountingTime(
    workingCounter(calendar, options.provisional === true),
    calendar,
    dueAt,
    -tailMs,
  );
  const dueDay = dayOf(calendar, dayPart);
  const wall = dayPart - calendar.startOfDayNumber(dueDay);
  const armDay = countBack(workingCounter(calendar, options.provisional === true), dueDay, days, []);
  return { armedAt: calendar.startOfDayNumber(armDay) + wall, dueAt, holds: [] };
}

/**
 * When a held timer falls due once its holds have all ended. A timer counted in working days
 * counts as the clocks do: its working days after the arming day, skipping every civil day a hold
 * touched, at the wall time it was armed (then its time part, delayed by holds during it), so it
 * never falls on a rest day. Any other timer falls due later by the time it was held; a `date`
 * timer keeps its date. One whose first hold began when it was already due falls due at once.
 */
export function heldTimerDueAt(
  timer: TimerDefinition,
  held: HeldTimer,
  calendars: CalendarSource,
  options: HorizonOptions = {},
): Instant {
  const first = held.holds[0];
  const released = Math.max(held.dueAt, ...held.holds.map((h) => h.to ?? h.from));
  if (first === undefined) return held.dueAt;
  if (first.from >= held.dueAt) return dueOnceBack(timer, released, released, calendars, options);
  const split = timerWorkingDays(timer, calendars);
  const heldAfter = (since: Instant): number =>
    held.holds.reduce((sum, h) => sum + Math.max(0, (h.to ?? h.from) - Math.max(h.from, since)), 0);
  let due: Instant;
  if (split === null) {
    const fixed = timer.type === 'date' || (timer.type === 'cycle' && parseTimerCycle(timer).start !== null);
    due = fixed ? held.dueAt : held.dueAt + heldAfter(-Infinity);
  } else {
    const { calendar, days, tailMs } = split;
    const armDay = dayOf(calendar, held.armedAt);
    const wall = held.armedAt - calendar.startOfDayNumber(armDay);
    const counter = workingCounter(calendar, options.provisional === true);
    const day = countForward(
      counter,
      armDay,
      days,
      suspendedDays({ suspensions: held.holds }, calendar, armDay, undefined),
    );
    const at = calendar.startOfDayNumber(day) + wall;
    due = addCountingTime(counter, calendar, at, tailMs + heldAfter(at));
  }
  return dueOnceBack(timer, Math.max(due, released), released, calendars, options);
}

/**
 * When a timer that comes back at `back` (released from a hold, restored by 撤回) and is due at
 * `due` falls due: then — at once when that has passed — except that a timer counted in working
 * days which comes back overdue on a rest day waits for the start of the next working day, so it
 * never fires on a rest day.
 */
export function dueOnceBack(
  timer: TimerDefinition,
  due: Instant,
  back: Instant,
  calendars: CalendarSource,
  options: HorizonOptions = {},
): Instant {
  if (due > back) return due;
  const split = timerWorkingDays(timer, calendars);
  if (split === null) return due;
  const counter = workingCounter(split.calendar, options.provisional === true);
  const day = dayOf(split.calendar, back);
  if (counter.count(day - 1, day) === 1) return due;
  return split.calendar.startOfDayNumber(counter.add(day, 1));
}
