import { TongbanError } from '../errors.js';

/**
 * A snapshot `step` cannot read: not the shape it writes (a field missing or of the wrong type).
 * It was damaged in storage or built by hand; the case is not touched.
 */
export class BadSnapshotError extends TongbanError {
  readonly code = 'BAD_SNAPSHOT';
}

const STATUSES: ReadonlySet<string> = new Set([
  'pending',
  'running',
  'suspended',
  'returned',
  'completed',
  'terminated',
  'withdrawn',
  'refused',
  'failed',
]);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
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
  if (typeof machine.value !== 'string' && !isRecord(machine.value)) return '`machine.value` is not a state';
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
  for (const task of Object.values(context.tasks as Record<string, unknown>)) {
    if (!isRecord(task) || typeof task.id !== 'string' || typeof task.elementId !== 'string') {
      return '`machine.context.tasks` holds something that is not a task';
    }
  }
  return null;
}
