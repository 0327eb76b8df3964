import type { ModdleElement } from 'bpmn-moddle';
import type { ImportContext } from '../import-context.js';
import { elementId, readElement, readList, readText } from '../moddle-read.js';
import { isExpression, readVendorAttribute, readZeebeExtension, type VendorValue } from './vendor.js';

/** Group lists are written with ASCII or Chinese separators, like tb:departments. */
const LIST_SEPARATOR = /[,，、;；]/;

/** Who a task's standard or vendor assignment names, before Tongban picks a department. */
interface Candidates {
  /** Where the names were read, e.g. `camunda:candidateGroups` or `potentialOwner`. */
  readonly source: string;
  readonly groups: readonly string[];
  /** The attribute's text when it is an expression evaluated at run time (`${…}`). */
  readonly expression: string | null;
}

/** What {@link resolveDepartment} found. */
export interface ResolvedDepartment {
  readonly department: string | null;
  /** When none: what the task does say about who does it, for the MISSING_DEPARTMENT message. */
  readonly hint: string;
  /** A department to propose in that message (the first lane's name), or ''. */
  readonly proposal: string;
  /** True when an AMBIGUOUS_DEPARTMENT error was reported already (no MISSING_DEPARTMENT then). */
  readonly reported: boolean;
}

function split(raw: string): string[] {
  return raw
    .split(LIST_SEPARATOR)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/**
 * A potentialOwner/humanPerformer's formal expression: `group(规划局)`, `user(kermit)` or a bare
 * name, which Activiti and Flowable read as a group. Users are people, not departments.
 */
function resourceCandidates(element: ModdleElement): Candidates | null {
  for (const resource of readList(element, 'resources')) {
    const kind = resource.$type === 'bpmn:HumanPerformer' ? 'humanPerformer' : 'potentialOwner';
    if (resource.$type !== 'bpmn:HumanPerformer' && resource.$type !== 'bpmn:PotentialOwner') continue;
    const assignment = readElement(resource, 'resourceAssignmentExpression');
    const expression = assignment === null ? null : readElement(assignment, 'expression');
    const text = expression === null ? null : readText(expression, 'body');
    if (text === null) continue;
    if (isExpression(text)) return { source: kind, groups: [], expression: text };
    const groups = split(text).flatMap((entry) => {
      const call = /^(user|group)\s*\(\s*(.*?)\s*\)$/.exec(entry);
      if (call === null) return [entry];
      return call[1] === 'group' && call[2] !== undefined && call[2] !== '' ? [call[2]] : [];
    });
    return { source: kind, groups, expression: null };
  }
  return null;
}

function vendorCandidates(found: VendorValue | null): Candidates | null {
  if (found === null) return null;
  if (isExpression(found.value)) return { source: found.attribute, groups: [], expression: found.value };
  return { source: found.attribute, groups: split(found.value), expression: null };
}

/** The lane's department: its tb:department (explicit), else its name (inferred). */
function laneDepartment(
  lane: ModdleElement,
): { readonly department: string; readonly explicit: boolean } | null {
  const explicit = readText(lane, 'tb:department');
  if (explicit !== null) return { department: explicit, explicit: true };
  const name = readText(lane, 'name')?.replace(/\s+/g, ' ');
  return name === undefined ? null : { department: name, explicit: false };
}

function people(element: ModdleElement): string | null {
  const person =
    readVendorAttribute(element, 'assignee') ??
    readVendorAttribute(element, 'candidateUsers') ??
    readZeebeExtension(element, 'assignmentDefinition', 'assignee') ??
    readZeebeExtension(element, 'assignmentDefinition', 'candidateUsers');
  return person === null ? null : `${person.attribute}="${person.value}"`;
}

/**
 * The department of a task that has no tb:department: its innermost lane's tb:department, else
 * its potentialOwner/humanPerformer naming one group, else its camunda:/flowable:/activiti:
 * candidateGroups (or Camunda 8 zeebe:assignmentDefinition) naming one, else its innermost lane's
 * name. Each inference is a DEPARTMENT_INFERRED warning saying what was taken from where; several
 * groups and no lane are AMBIGUOUS_DEPARTMENT. `taskId` is the task's id.
 */
export function resolveDepartment(
  element: ModdleElement,
  taskId: string,
  context: ImportContext,
): ResolvedDepartment {
  const lane = context.lanes.get(element);
  const fromLane = lane === undefined ? null : laneDepartment(lane);
  const laneId = lane === undefined ? '' : (elementId(lane) ?? '');
  // A lane's tb:department is Tongban's own word: it wins over what vendor attributes suggest.
  if (fromLane?.explicit === true)
    return { department: fromLane.department, hint: '', proposal: '', reported: false };
  const hints: string[] = [];
  for (const candidates of [
    resourceCandidates(element),
    vendorCandidates(readVendorAttribute(element, 'candidateGroups')),
    vendorCandidates(readZeebeExtension(element, 'assignmentDefinition', 'candidateGroups')),
  ]) {
    if (candidates === null) continue;
    const [only, ...others] = candidates.groups;
    if (only !== undefined && others.length === 0) {
      context.sink.warning(
        taskId,
        'DEPARTMENT_INFERRED',
        `The department "${only}" was taken from ${candidates.source}; Tongban assigns the task to that department (set tb:department="${only}" to say so explicitly).`,
        { source: candidates.source, department: only },
      );
      return { department: only, hint: '', proposal: '', reported: false };
    }
    if (only !== undefined && fromLane === null) {
      const list = candidates.groups.join(', ');
      context.sink.error(
        taskId,
        'AMBIGUOUS_DEPARTMENT',
        `${candidates.source} names ${candidates.groups.length} groups (${list}); a Tongban task belongs to one department: keep one of them, set tb:department="${only}" (or another), or put the task in a lane named after its department.`,
        { source: candidates.source, groups: list },
      );
      return { department: null, hint: '', proposal: '', reported: true };
    }
    if (only !== undefined)
      hints.push(`${candidates.source} names several groups (${candidates.groups.join(', ')})`);
    if (candidates.expression !== null) {
      hints.push(
        `its ${candidates.source} "${candidates.expression}" is decided at run time (Tongban needs the department in the model)`,
      );
    }
  }
  if (fromLane !== null) {
    const also = hints.length > 0 ? ` (${hints.join('; ')})` : '';
    context.sink.warning(
      taskId,
      'DEPARTMENT_INFERRED',
      `The department "${fromLane.department}" was taken from the name of lane "${laneId}"${also}; set tb:department on the lane or the task to say so explicitly.`,
      { source: 'lane', lane: laneId, department: fromLane.department },
    );
    return { department: fromLane.department, hint: '', proposal: '', reported: false };
  }
  const person = people(element);
  if (person !== null) hints.push(`its ${person} names people, not a department`);
  const laneNames = [
    ...new Set([...context.lanes.values()].flatMap((l) => laneDepartment(l)?.department ?? [])),
  ];
  if (laneNames.length > 0) hints.push(`it is in none of the process's lanes (${laneNames.join(', ')})`);
  const said = hints.length > 0 ? ` ${capitalise(hints.join('; '))}.` : '';
  const proposal = laneNames[0] ?? '';
  return { department: null, hint: said, proposal, reported: false };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
