import { variablesProblem } from '../variables-shape.js';

/** Shape checks shared by the command families (what each command needs: its table entry). */
export const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
export const optionalString = (v: unknown): boolean => v === undefined || typeof v === 'string';

type Fields = Readonly<Record<string, unknown>>;

const ACTOR_KINDS: ReadonlySet<unknown> = new Set([
  'staff',
  'applicant',
  'supervisor',
  'officer',
  'admin',
  'system',
]);

/**
 * An actor's shape. Whether a command needs one, and of which kind, is the command's `whoMay`
 * (refused with FORBIDDEN), not a matter of shape.
 */
function actorProblem(actor: unknown): string | null {
  if (
    typeof actor !== 'object' ||
    actor === null ||
    Array.isArray(actor) ||
    !nonEmpty((actor as { id?: unknown }).id)
  ) {
    return '`actor` must be an object with a non-empty `id`';
  }
  const { kind, department } = actor as { kind?: unknown; department?: unknown };
  if (kind !== undefined && !ACTOR_KINDS.has(kind)) {
    return `\`actor.kind\` must be one of ${[...ACTOR_KINDS].join(', ')}`;
  }
  return department === undefined || nonEmpty(department)
    ? null
    : '`actor.department` must be a department name';
}

/** The checks every command goes through, whatever its type. */
export function commonShapeProblem(c: Fields): string | null {
  if (c.variables !== undefined) {
    const problem = variablesProblem(c.variables);
    if (problem !== null) return problem;
  }
  if (c.kind !== undefined && typeof c.kind !== 'string') return '`kind` must be a string';
  if (!optionalString(c.reason) || !optionalString(c.opinion) || !optionalString(c.outcome)) {
    return '`reason`, `opinion` and `outcome` must be strings';
  }
  return c.actor === undefined ? null : actorProblem(c.actor);
}

/** A command acting on a department's task names both. */
export function taskAndDepartment(c: Fields): string | null {
  if (!nonEmpty(c.taskId)) return `${String(c.type)} needs a \`taskId\``;
  return nonEmpty(c.department) ? null : `${String(c.type)} needs the acting \`department\``;
}

const UNITS = new Set(['workingDays', 'naturalDays', 'hours', 'workingHours']);
export function isLimit(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { amount?: unknown; unit?: unknown };
  return typeof v.amount === 'number' && v.amount > 0 && typeof v.unit === 'string' && UNITS.has(v.unit);
}

/** No fields beyond the common ones. */
export const anyShape = (): string | null => null;
