import type { ModdleElement } from 'bpmn-moddle';
import { DateTime, Duration } from 'luxon';
import type { TimerDefinition } from '../model/process.js';
import type { DiagnosticSink } from './diagnostic-sink.js';
import { readElement, readText } from './moddle-read.js';

const TIMER_KINDS = [
  { property: 'timeDuration', type: 'duration' },
  { property: 'timeDate', type: 'date' },
  { property: 'timeCycle', type: 'cycle' },
] as const;

const EXAMPLES = 'a duration like P3D or PT4H, a date like 2026-03-01T09:00:00+08:00, or a cycle like R3/P1D';

/** A valid ISO 8601 duration with at least one component and none negative (luxon accepts `P`, `-P1D`). */
function isDuration(value: string): boolean {
  const duration = Duration.fromISO(value);
  return (
    duration.isValid && /\d/.test(value) && Object.values(duration.toObject()).every((amount) => amount >= 0)
  );
}

function isDate(value: string): boolean {
  return DateTime.fromISO(value, { setZone: true }).isValid;
}

/** ISO 8601 repeating interval: `R[n]/duration`, `R[n]/start/duration` or `R[n]/duration/end`. */
function isCycle(value: string): boolean {
  const [repeat, ...parts] = value.split('/');
  if (repeat === undefined || !/^R\d*$/.test(repeat) || parts.length < 1 || parts.length > 2) return false;
  const durations = parts.filter(isDuration).length;
  return durations === 1 && parts.every((part) => isDuration(part) || isDate(part));
}

/** Ten years, as for tb: time limits: a longer wait is a typo, and runs far past the calendar data. */
const MAX_TIMER_DAYS = 3650;

/** The longest duration in a duration or cycle value, in days (a month counts 30, a year 365). */
function longestDays(type: TimerDefinition['type'], value: string): number {
  if (type === 'date') return 0;
  const parts = type === 'cycle' ? value.split('/').slice(1) : [value];
  return Math.max(0, ...parts.filter(isDuration).map((part) => Duration.fromISO(part).as('days')));
}

const VALIDATORS: Record<TimerDefinition['type'], (value: string) => boolean> = {
  duration: isDuration,
  date: isDate,
  cycle: isCycle,
};

/**
 * Reads a `bpmn:timerEventDefinition` of event `eventId`; null (with a `BAD_TIMER` error) when it
 * has no single, parseable ISO 8601 value.
 */
export function readTimer(
  definition: ModdleElement,
  eventId: string,
  sink: DiagnosticSink,
): TimerDefinition | null {
  const present = TIMER_KINDS.flatMap(({ property, type }) => {
    const expression = readElement(definition, property);
    return expression === null ? [] : [{ type, value: readText(expression, 'body') }];
  });
  const [timer, ...others] = present;
  if (timer === undefined || others.length > 0) {
    const problem =
      timer === undefined ? 'has no timeDuration, timeDate or timeCycle' : 'has more than one value';
    sink.error(eventId, 'BAD_TIMER', `The timer ${problem}; give exactly one: ${EXAMPLES}.`);
    return null;
  }
  if (timer.value !== null && /[$#]\{/.test(timer.value)) {
    sink.error(
      eventId,
      'BAD_TIMER',
      `The timer's ${timer.type} "${timer.value}" is an expression that Camunda/Flowable evaluate at run time; Tongban's timers are fixed values in the model, so that deadlines can be checked and previewed: write ${EXAMPLES}. For a limit counted in working days, set tb:timeLimit on the task instead; for a date the case decides, have the host send a message (message boundary or catch event) when it is due.`,
      { type: timer.type, value: timer.value },
    );
    return null;
  }
  if (timer.value === null || !VALIDATORS[timer.type](timer.value)) {
    const shown =
      timer.value === null ? 'is empty' : `"${timer.value}" is not a valid ISO 8601 ${timer.type}`;
    sink.error(eventId, 'BAD_TIMER', `The timer's ${timer.type} ${shown}; write ${EXAMPLES}.`);
    return null;
  }
  const days = longestDays(timer.type, timer.value);
  if (days > MAX_TIMER_DAYS) {
    sink.error(
      eventId,
      'BAD_TIMER',
      `The timer's ${timer.type} "${timer.value}" is longer than Tongban's maximum of ${MAX_TIMER_DAYS} days (ten years); check the number and its unit.`,
    );
    return null;
  }
  const calendar = readText(definition, 'tb:calendar');
  if (calendar !== null && timer.type === 'date') {
    sink.warning(
      eventId,
      'BAD_TIMER',
      `tb:calendar has no effect on a date timer; it only counts durations.`,
    );
  }
  return { type: timer.type, value: timer.value, calendar };
}
