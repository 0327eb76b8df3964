import { TongbanError } from '../errors.js';
import { CASE_STATUSES } from '../model/case.js';

/**
 * A snapshot `step` cannot read: not the shape it writes (a field missing or of the wrong type).
 * It was damaged in storage or built by hand; the case is not touched.
 */
export class BadSnapshotError extends TongbanError {
  readonly code = 'BAD_SNAPSHOT';
}

const STATUSES: ReadonlySet<string> = new Set(CASE_STATUSES);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
/** Far deeper than any statechart a real model compiles to; bounds the walk over a damaged value. */
const MAX_STATE_DEPTH = 1000;

/** A statechart state value: a state name, or parallel/nested regions mapping to state values. */
const isStateValue = (v: unknown, depth: number): boolean =>
  typeof v === 'string' ||
  (depth < MAX_STATE_DEPTH && isRecord(v) && Object.values(v).every((r) => isStateValue(r, depth + 1)));

const isInstant = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);

/**
 * What is wrong with the layout of a snapshot whose `schema` is one `step` reads, or null. Checks
 * what every command reads before it looks at the case (the containers of the context), so that a
 * damaged snapshot is refused rather than failing halfway through a command.
 */
export function snapshotProblem(snapshot: Record<string, unknown>): string | null {
  if (typeof snapshot.caseId !== 'string' || snapshot.caseId === '') return '`caseId` is not a case id';
  if (typeof snapshot.definitionHash !== 'string') return '`definitionHash` is missing';
  if (typeof snapshot.status !== 'string' || !STATUSES.has(snapshot.status))
    return '`status` is not a case status';
  if (!isInstant(snapshot.startedAt)) return '`startedAt` is not an instant';
  if (snapshot.updatedAt !== undefined && !isInstant(snapshot.updatedAt))
    return '`updatedAt` is not an instant';
  const machine = snapshot.machine;
  if (!isRecord(machine)) return '`machine` (the statechart state and context) is missing';
  if (!isStateValue(machine.value, 0)) return '`machine.value` is not a state';
  const context = machine.context;
  if (!isRecord(context)) return '`machine.context` is missing';
  for (const key of ['tasks', 'timers', 'vars', 'clocks', 'lights'] as const) {
    if (!isRecord(context[key])) return `\`machine.context.${key}\` is not an object`;
  }
  for (const key of ['supervisions', 'mi', 'special', 'parkedTimers', 'recall'] as const) {
    if (context[key] !== undefined && !isRecord(context[key])) {
      return `\`machine.context.${key}\` is not an object`;
    }
  }
  if (typeof context.seq !== 'number') return '`machine.context.seq` is not a number';
  return entriesProblem(context);
}

const LIGHTS: ReadonlySet<unknown> = new Set(['green', 'yellow', 'red']);

const isTask = (v: unknown): boolean =>
  isRecord(v) && typeof v.id === 'string' && typeof v.elementId === 'string' && isInstant(v.openedAt);

const isTimer = (v: unknown): boolean =>
  isRecord(v) &&
  typeof v.id === 'string' &&
  typeof v.purpose === 'string' &&
  isInstant(v.dueAt) &&
  (v.elementId === null || typeof v.elementId === 'string');

const isClock = (v: unknown): boolean =>
  isRecord(v) &&
  isRecord(v.limit) &&
  typeof v.calendar === 'string' &&
  isInstant(v.startedAt) &&
  Array.isArray(v.suspensions) &&
  Array.isArray(v.extensions) &&
  (v.stoppedAt === null || isInstant(v.stoppedAt));

/**
 * Every command walks the tasks, timers, clocks and lights of a case, so one damaged entry in
 * any of them (a `null` where a timer was) must refuse the snapshot as a whole.
 */
function entriesProblem(context: Record<string, unknown>): string | null {
  const checks: readonly [string, (v: unknown) => boolean, string][] = [
    ['tasks', isTask, 'a task'],
    ['timers', isTimer, 'a timer'],
    ['clocks', isClock, 'a clock'],
    ['lights', (v) => LIGHTS.has(v), 'a light'],
  ];
  for (const [key, ok, what] of checks) {
    for (const [id, entry] of Object.entries(context[key] as Record<string, unknown>)) {
      if (!ok(entry))
        return `\`machine.context.${key}\` holds something under ${JSON.stringify(id)} that is not ${what}`;
    }
  }
  return null;
}
