import type { Command, JsonValue } from './types.js';

function isJson(value: unknown, depth = 0): value is JsonValue {
  if (depth > 32) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isJson(v, depth + 1));
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return false;
    return Object.values(value).every((v) => isJson(v, depth + 1));
  }
  return false;
}

function isVariables(value: unknown): boolean {
  return (
    value === undefined ||
    (typeof value === 'object' && value !== null && !Array.isArray(value) && isJson(value))
  );
}

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const optionalString = (v: unknown): boolean => v === undefined || typeof v === 'string';

/**
 * Checks a command's shape at run time: commands arrive as JSON from HTTP, queues and scenario
 * files, so the compiler's types are no guarantee. Returns what is wrong, or null.
 */
export function commandShapeProblem(command: unknown): string | null {
  if (typeof command !== 'object' || command === null) return 'a command must be an object';
  const c = command as Record<string, unknown>;
  if (!isVariables(c.variables)) return '`variables` must be an object of JSON values';
  if (!optionalString(c.reason) || !optionalString(c.opinion) || !optionalString(c.outcome)) {
    return '`reason`, `opinion` and `outcome` must be strings';
  }
  if (
    c.actor !== undefined &&
    (typeof c.actor !== 'object' || c.actor === null || !nonEmpty((c.actor as { id?: unknown }).id))
  ) {
    return '`actor` must be an object with a non-empty `id`';
  }
  switch (c.type) {
    case 'start':
      if (!nonEmpty(c.caseId)) return 'start needs a non-empty `caseId`';
      if (
        c.coDepartments !== undefined &&
        !(Array.isArray(c.coDepartments) && c.coDepartments.every(nonEmpty))
      ) {
        return '`coDepartments` must be a list of department names';
      }
      return null;
    case 'completeTask':
      if (!nonEmpty(c.taskId)) return 'completeTask needs a `taskId`';
      if (!nonEmpty(c.department)) return 'completeTask needs the completing `department`';
      return null;
    case 'message':
      return nonEmpty(c.name) ? null : 'message needs a `name`';
    case 'fireTimer':
      return nonEmpty(c.timerId) ? null : 'fireTimer needs a `timerId`';
    case 'completeService':
      return nonEmpty(c.taskId) ? null : 'completeService needs a `taskId`';
    case 'failService':
      if (!nonEmpty(c.taskId)) return 'failService needs a `taskId`';
      return nonEmpty(c.errorCode) ? null : 'failService needs an `errorCode`';
    case 'withdraw':
      return null;
    default:
      return `unknown command type ${JSON.stringify(c.type)}`;
  }
}

/** Narrowing wrapper for {@link commandShapeProblem}. */
export function isCommand(command: unknown): command is Command {
  return commandShapeProblem(command) === null;
}
