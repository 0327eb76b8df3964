import type { Command } from './types.js';
import { variablesProblem } from './variables-shape.js';

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const optionalString = (v: unknown): boolean => v === undefined || typeof v === 'string';

const ACTOR_KINDS: ReadonlySet<unknown> = new Set([
  'staff',
  'applicant',
  'supervisor',
  'officer',
  'admin',
  'system',
]);

/**
 * An actor's shape. Whether a command needs one, and of which kind, is the command's rule in
 * `WHO_MAY` (refused with FORBIDDEN), not a matter of shape.
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

function taskAndDepartment(c: Record<string, unknown>): string | null {
  if (!nonEmpty(c.taskId)) return `${String(c.type)} needs a \`taskId\``;
  return nonEmpty(c.department) ? null : `${String(c.type)} needs the acting \`department\``;
}

const UNITS = new Set(['workingDays', 'naturalDays', 'hours', 'workingHours']);
function isLimit(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { amount?: unknown; unit?: unknown };
  return typeof v.amount === 'number' && v.amount > 0 && typeof v.unit === 'string' && UNITS.has(v.unit);
}

/**
 * Checks a command's shape at run time: commands arrive as JSON from HTTP, queues and scenario
 * files, so the compiler's types are no guarantee. Returns what is wrong, or null.
 */
export function commandShapeProblem(command: unknown): string | null {
  if (typeof command !== 'object' || command === null) return 'a command must be an object';
  const c = command as Record<string, unknown>;
  if (c.variables !== undefined) {
    const problem = variablesProblem(c.variables);
    if (problem !== null) return problem;
  }
  if (c.kind !== undefined && typeof c.kind !== 'string') return '`kind` must be a string';
  if (!optionalString(c.reason) || !optionalString(c.opinion) || !optionalString(c.outcome)) {
    return '`reason`, `opinion` and `outcome` must be strings';
  }
  if (c.actor !== undefined) {
    const problem = actorProblem(c.actor);
    if (problem !== null) return problem;
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
    case 'supply':
      return null;
    case 'resubmit':
      return c.mode === undefined || c.mode === 'restart' || c.mode === 'direct'
        ? null
        : '`mode` is "restart" or "direct"';
    case 'accept':
    case 'resumeCase':
      return null;
    case 'refuseIntake':
    case 'suspendCase':
      return nonEmpty(c.reason) ? null : `${c.type} needs a \`reason\``;
    case 'startSpecialProcedure':
      return (
        taskAndDepartment(c) ??
        (nonEmpty(c.kind) && nonEmpty(c.reason)
          ? null
          : 'startSpecialProcedure needs a `kind` and a `reason`')
      );
    case 'endSpecialProcedure':
      return taskAndDepartment(c) ?? (optionalString(c.result) ? null : '`result` must be a string');
    case 'requestSupplement':
      if (c.items !== undefined && !(Array.isArray(c.items) && c.items.every(nonEmpty))) {
        return '`items` must be a list of the materials asked for';
      }
      return taskAndDepartment(c) ?? (nonEmpty(c.reason) ? null : 'requestSupplement needs a `reason`');
    case 'transferTask':
      return (
        taskAndDepartment(c) ??
        (nonEmpty(c.to) && nonEmpty(c.reason) ? null : 'transferTask needs `to` and a `reason`')
      );
    case 'delegateTask':
      return taskAndDepartment(c) ?? (nonEmpty(c.to) ? null : 'delegateTask needs `to` (the person)');
    case 'addSigner':
      if (!nonEmpty(c.elementId) || !nonEmpty(c.department) || !nonEmpty(c.reason)) {
        return 'addSigner needs `elementId`, `department` and a `reason`';
      }
      return c.limit === undefined || isLimit(c.limit) ? null : '`limit` must be { amount, unit }';
    case 'removeSigner':
      return nonEmpty(c.taskId) && nonEmpty(c.reason) ? null : 'removeSigner needs `taskId` and a `reason`';
    case 'reject': {
      const to = c.to as unknown;
      const goodTo =
        to === 'previous' ||
        to === 'applicant' ||
        (typeof to === 'object' && to !== null && nonEmpty((to as { elementId?: unknown }).elementId));
      if (!goodTo) return 'reject needs `to`: "previous", "applicant" or { elementId }';
      return taskAndDepartment(c) ?? (nonEmpty(c.reason) ? null : 'reject needs a `reason`');
    }
    case 'jump':
      return nonEmpty(c.elementId) && nonEmpty(c.reason) ? null : 'jump needs `elementId` and a `reason`';
    case 'extend':
      if (typeof c.days !== 'number' || !Number.isInteger(c.days) || c.days < 1)
        return '`days` must be a whole number ≥ 1';
      if (c.taskId !== undefined && !nonEmpty(c.taskId)) return '`taskId` must be a task id';
      return nonEmpty(c.reason) ? null : 'extend needs a `reason`';
    case 'urge':
      if (c.taskId !== undefined && !nonEmpty(c.taskId)) return '`taskId` must be a task id';
      return nonEmpty(c.message) ? null : 'urge needs a `message`';
    case 'supervise':
      if (!nonEmpty(c.department) || !nonEmpty(c.message))
        return 'supervise needs a `department` and a `message`';
      if (c.ruleId !== undefined && !nonEmpty(c.ruleId)) return '`ruleId` must be a string';
      return typeof c.replyWithin === 'number' ? null : 'supervise needs `replyWithin` (working days)';
    case 'answerSupervision':
      return nonEmpty(c.supervisionId) && nonEmpty(c.department) && nonEmpty(c.answer)
        ? null
        : 'answerSupervision needs `supervisionId`, `department` and an `answer`';
    case 'recall':
      if (c.taskId === undefined ? !nonEmpty(c.elementId) : !nonEmpty(c.taskId)) {
        return 'recall needs the completed task: `taskId`, or its `elementId`';
      }
      if (!nonEmpty(c.department)) return 'recall needs the recalling `department`';
      return nonEmpty(c.reason) ? null : 'recall needs a `reason`';
    case 'claimTask':
    case 'unclaimTask':
      return taskAndDepartment(c);
    case 'signTask':
      return taskAndDepartment(c) ?? (nonEmpty(c.outcome) ? null : 'signTask needs an `outcome`');
    case 'assignHandlers': {
      const handlers = c.handlers;
      const good =
        Array.isArray(handlers) &&
        handlers.length > 0 &&
        handlers.every(
          (h) =>
            nonEmpty(h) ||
            (typeof h === 'object' &&
              h !== null &&
              nonEmpty((h as { id?: unknown }).id) &&
              ((h as { weight?: unknown }).weight === undefined ||
                (typeof (h as { weight?: unknown }).weight === 'number' &&
                  (h as { weight: number }).weight > 0 &&
                  Number.isFinite((h as { weight: number }).weight)))),
        );
      if (!good) return '`handlers` must be a list of person ids or { id, weight > 0 }';
      return taskAndDepartment(c);
    }
    case 'copyTo':
      if (!(Array.isArray(c.departments) && c.departments.length > 0 && c.departments.every(nonEmpty))) {
        return 'copyTo needs `departments`';
      }
      return c.taskId === undefined || nonEmpty(c.taskId) ? null : '`taskId` must be a task id';
    default:
      // Only a text type is quoted: any other value (a list nested 20,000 deep…) is only named.
      return typeof c.type === 'string'
        ? `unknown command type ${JSON.stringify(c.type)}`
        : `\`type\` must be a command type (text), not ${Array.isArray(c.type) ? 'a list' : c.type === null ? 'null' : `a ${typeof c.type}`}`;
  }
}

/** Narrowing wrapper for {@link commandShapeProblem}. */
export function isCommand(command: unknown): command is Command {
  return commandShapeProblem(command) === null;
}
