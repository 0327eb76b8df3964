import type { ModdleElement } from 'bpmn-moddle';
import { parseCondition } from '../expr/index.js';
import type { DepartmentRole, MultiInstance, ServiceTaskNode, UserTaskNode } from '../model/process.js';
import { readDecision } from './decision-attributes.js';
import type { ImportContext } from './import-context.js';
import { readElement, readList, readText } from './moddle-read.js';
import type { NodeDraft } from './node-base.js';
import { type ResolvedDepartment, resolveDepartment } from './standard/assignment.js';
import { readVendorHandler } from './standard/handler.js';
import { isJuelCondition, readJuelCondition } from './standard/juel-condition.js';
import { type PeopleLoop, peopleLoop } from './standard/people-loop.js';
import { checkWarningWithinLimit, parseTimeLimit, parseWarning } from './time-attributes.js';
import { xmlName } from './unsupported.js';

const ROLES: readonly DepartmentRole[] = ['lead', 'co'];
/** Department lists are written with ASCII or Chinese separators. */
const LIST_SEPARATOR = /[,，、;；]/;
/**
 * BPMN's default `implementation` values name no handler; nor does `webService`, which older
 * Camunda Modelers wrote beside the camunda:class or delegateExpression that does.
 */
const NO_IMPLEMENTATION = new Set(['##webservice', '##unspecified', 'webservice']);

function readRole(element: ModdleElement, draft: NodeDraft, context: ImportContext): DepartmentRole {
  const raw = readText(element, 'tb:role');
  if (raw === null) return 'co';
  const role = ROLES.find((candidate) => candidate === raw);
  if (role !== undefined) return role;
  context.sink.error(
    draft.id,
    'BAD_ROLE',
    `tb:role="${raw}" is not a role; use "lead" (牵头部门) or "co" (协办部门, the default).`,
  );
  return 'co';
}

function splitDepartments(raw: string | null): string[] {
  if (raw === null) return [];
  return raw
    .split(LIST_SEPARATOR)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** Reads a condition element (`completionCondition`), reporting `BAD_CONDITION` if it does not parse. */
export function readConditionBody(
  expression: ModdleElement | null,
  ownerId: string,
  what: 'condition' | 'completion condition',
  context: ImportContext,
): string | null {
  if (expression === null) return null;
  const source = readText(expression, 'body');
  if (source === null) {
    context.sink.error(
      ownerId,
      'BAD_CONDITION',
      `The ${what} is empty; write a FEEL expression such as ${what === 'condition' ? 'outcome = "approve"' : 'nrOfRejected > 0'}.`,
    );
    return null;
  }
  const language = readText(expression, 'language');
  if (isJuelCondition(source, language)) return readJuelCondition(source, ownerId, what, context);
  if (language !== null && !/feel/i.test(language)) {
    context.sink.error(
      ownerId,
      'BAD_CONDITION',
      `The ${what} is written in "${language}"; Tongban conditions are FEEL expressions: remove the language attribute.`,
    );
    return source;
  }
  const parsed = parseCondition(source);
  if (!parsed.ok && parsed.limit === true) {
    context.sink.error(ownerId, 'LIMIT_EXCEEDED', `The ${what} is refused: ${parsed.message}.`);
  } else if (!parsed.ok) {
    context.sink.error(ownerId, 'BAD_CONDITION', `The ${what} does not parse: ${parsed.message}.`);
  }
  return source;
}

/** Multi-instance settings; `replacesDepartment` says the task needs no single tb:department. */
function readMultiInstance(
  element: ModdleElement,
  draft: NodeDraft,
  context: ImportContext,
): {
  readonly multiInstance: MultiInstance | null;
  readonly replacesDepartment: boolean;
  readonly people?: PeopleLoop;
} {
  const loop = readElement(element, 'loopCharacteristics');
  const departments = splitDepartments(readText(element, 'tb:departments'));
  const collection = readText(element, 'tb:collection');
  if (loop === null) {
    if (departments.length > 0 || collection !== null) {
      context.sink.warning(
        draft.id,
        'BAD_MULTI_INSTANCE',
        'tb:departments and tb:collection only apply to a parallel multi-instance task; add the multi-instance marker (|||) or remove them.',
      );
    }
    return { multiInstance: null, replacesDepartment: false };
  }
  if (loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
    context.sink.error(
      draft.id,
      'UNSUPPORTED_ELEMENT',
      'A standard loop is not supported: model the repetition as a loop back (退回) through an exclusive gateway.',
    );
    return { multiInstance: null, replacesDepartment: false };
  }
  const people = departments.length === 0 && collection === null ? peopleLoop(loop, context) : null;
  if (people !== null) return { multiInstance: null, replacesDepartment: false, people };
  if (loop.get('isSequential') === true) {
    context.sink.error(
      draft.id,
      'UNSUPPORTED_ELEMENT',
      'Sequential multi-instance is not supported: co-handling departments work in parallel; remove isSequential="true".',
    );
    return { multiInstance: null, replacesDepartment: true };
  }
  if (departments.length === 0 && collection === null) {
    context.sink.error(
      draft.id,
      'BAD_MULTI_INSTANCE',
      'A multi-instance task needs its departments: set tb:departments="自然资源和规划局,消防救援支队" or tb:collection="coDepartments" (a case variable holding the list).',
    );
  } else if (departments.length > 0 && collection !== null) {
    context.sink.warning(
      draft.id,
      'BAD_MULTI_INSTANCE',
      `Both tb:departments and tb:collection are set; the fixed tb:departments win and tb:collection="${collection}" is ignored.`,
    );
  }
  const duplicates = departments.filter((department, index) => departments.indexOf(department) !== index);
  if (duplicates.length > 0) {
    context.sink.warning(
      draft.id,
      'BAD_MULTI_INSTANCE',
      `tb:departments lists ${duplicates.join(', ')} more than once.`,
    );
  }
  const completionCondition = readConditionBody(
    readElement(loop, 'completionCondition'),
    draft.id,
    'completion condition',
    context,
  );
  return {
    multiInstance: {
      departments,
      collection: departments.length > 0 ? null : collection,
      completionCondition,
    },
    replacesDepartment: true,
  };
}

function reportMissingDepartment(
  element: ModdleElement,
  draft: NodeDraft,
  resolved: ResolvedDepartment,
  context: ImportContext,
): void {
  const kind =
    element.$type === 'bpmn:UserTask' ? 'user task' : `${xmlName(element.$type)} (run as a user task)`;
  const standard =
    resolved.hint === '' &&
    readList(element, 'resources').some(
      (resource) => resource.$type === 'bpmn:HumanPerformer' || resource.$type === 'bpmn:PotentialOwner',
    )
      ? ' Its humanPerformer/potentialOwner names no group.'
      : '';
  const proposal = resolved.proposal === '' ? '="…" naming the department' : `="${resolved.proposal}"`;
  context.sink.error(
    draft.id,
    'MISSING_DEPARTMENT',
    `The ${kind} has no department.${standard}${resolved.hint} Set tb:department${proposal} (and tb:role="lead" for the lead department), or put the task in a lane named after its department.`,
    { type: xmlName(element.$type), ...(resolved.proposal !== '' && { proposal: resolved.proposal }) },
  );
}

export function readUserTask(
  element: ModdleElement,
  draft: NodeDraft,
  boundaries: readonly string[],
  context: ImportContext,
): UserTaskNode {
  const { multiInstance, replacesDepartment, people } = readMultiInstance(element, draft, context);
  const resolved: ResolvedDepartment =
    readText(element, 'tb:department') === null && !replacesDepartment
      ? resolveDepartment(element, draft.id, context)
      : { department: readText(element, 'tb:department'), hint: '', proposal: '', reported: false };
  const department = resolved.department;
  // A loop over people without a department gets one error saying both (readPeopleDecision).
  if (department === null && !replacesDepartment && !resolved.reported && people === undefined) {
    reportMissingDepartment(element, draft, resolved, context);
  }
  if (department !== null && element.$type !== 'bpmn:UserTask') {
    context.sink.warning(
      draft.id,
      'TASK_READ_AS_USER_TASK',
      `This ${xmlName(element.$type)} runs as a user task of ${department}: someone there completes it in Tongban. Make it a userTask to say so, or a serviceTask if a program does it.`,
      { type: xmlName(element.$type), department },
    );
  }
  const site = (attribute: string) => ({ elementId: draft.id, attribute, sink: context.sink });
  const limit = parseTimeLimit(
    readText(element, 'tb:timeLimit'),
    readText(element, 'tb:timeLimitUnit'),
    site('timeLimit'),
  );
  const warning = parseWarning(
    readText(element, 'tb:warning'),
    readText(element, 'tb:warningUnit'),
    site('warning'),
  );
  checkWarningWithinLimit(warning, limit, site('warning'));
  // Built field by field, not as `{ ...draft, …, ...optional }`: V8 in Node 20 gives each object
  // built by such a literal a map of its own, so a thousand tasks made every later read of a node
  // megamorphic (half the check's time at 3,000 elements). Same keys, order and side effects.
  const role = readRole(element, draft, context);
  return Object.assign(
    {
      id: draft.id,
      name: draft.name,
      outgoing: draft.outgoing,
      incoming: draft.incoming,
      kind: 'userTask' as const,
      department,
      role,
      limit,
      warning,
      multiInstance,
    },
    readTimeoutAction(element, draft, context),
    readPeopleDecision(element, draft, people, department, context),
    { boundaries },
  );
}

const TIMEOUT_ACTIONS = ['light', 'agree', 'reject'] as const;

function readTimeoutAction(
  element: ModdleElement,
  draft: NodeDraft,
  context: ImportContext,
): { timeoutAction?: (typeof TIMEOUT_ACTIONS)[number] } {
  const raw = readText(element, 'tb:timeoutAction');
  if (raw === null) return {};
  const action = TIMEOUT_ACTIONS.find((candidate) => candidate === raw);
  if (action === undefined) {
    context.sink.error(
      draft.id,
      'BAD_TIME_LIMIT',
      `tb:timeoutAction="${raw}" is not an action; use "light" (default), "agree" (逾期未反馈视为同意) or "reject".`,
    );
    return {};
  }
  return { timeoutAction: action };
}

export function readServiceTask(
  element: ModdleElement,
  draft: NodeDraft,
  boundaries: readonly string[],
  context: ImportContext,
): ServiceTaskNode {
  if (readElement(element, 'loopCharacteristics') !== null) {
    context.sink.error(
      draft.id,
      'UNSUPPORTED_ELEMENT',
      'A looping or multi-instance service task is not supported: let one handler do the whole job.',
    );
  }
  const implementation = readText(element, 'implementation');
  const handler =
    readText(element, 'tb:handler') ??
    (implementation === null || NO_IMPLEMENTATION.has(implementation.toLowerCase())
      ? null
      : implementation) ??
    readVendorHandler(element, draft.id, context);
  if (handler === null) {
    const kind =
      element.$type === 'bpmn:ServiceTask'
        ? 'service task'
        : `${xmlName(element.$type)} (run as a service task)`;
    context.sink.error(
      draft.id,
      'MISSING_HANDLER',
      `The ${kind} names no handler; set tb:handler to the name the host registered (e.g. tb:handler="notifyApplicant").`,
    );
  }
  return { ...draft, kind: 'serviceTask', handler, boundaries };
}

/**
 * The task's decision attributes; for a multi-instance over people (会签 in Camunda/Flowable/
 * Activiti) of a known department, the decision mode its loop amounts to, with a
 * MULTI_INSTANCE_OVER_PEOPLE warning saying so (the signers are then given at run time with
 * assignHandlers, as the vendor collection was); else that code as an error saying what to write.
 */
function readPeopleDecision(
  element: ModdleElement,
  draft: NodeDraft,
  people: PeopleLoop | undefined,
  department: string | null,
  context: ImportContext,
): ReturnType<typeof readDecision> {
  const decision = readDecision(element, draft, context);
  if (people === undefined) return decision;
  const params = { runs: people.runs, mode: people.attributes };
  if (department !== null && (people.decision !== null || decision.decisionMode !== undefined)) {
    const mapped = decision.decisionMode === undefined && people.decision !== null ? people.decision : null;
    const as = mapped === null ? 'its tb:decisionMode' : people.attributes;
    context.sink.warning(
      draft.id,
      'MULTI_INSTANCE_OVER_PEOPLE',
      `This task runs ${people.runs} (会签 over people); Tongban runs it as one task of ${department} decided by ${as}, whose signers are given at run time (assignHandlers) or listed in tb:handlers.`,
      { ...params, department },
    );
    return mapped === null ? decision : { ...decision, ...mapped };
  }
  context.sink.error(
    draft.id,
    'MULTI_INSTANCE_OVER_PEOPLE',
    `This task runs ${people.runs} (会签 over people). Tongban's multi-instance runs once per department (tb:departments or tb:collection); for people of one department, give the task its department (tb:department, a lane or one candidate group) with ${people.attributes} and tb:handlers="张三,李四" listing who signs (or assign them at run time).`,
    params,
  );
  return decision;
}
