import type { ModdleElement } from 'bpmn-moddle';
import type { DiagnosticParams } from '../../model/diagnostics.js';
import type { ImportContext } from '../import-context.js';
import { elementId, readElement, readText } from '../moddle-read.js';
import { expressionBody, readVendorAttribute } from './vendor.js';

/** What a multi-instance over people says, for the MULTI_INSTANCE_OVER_PEOPLE error. */
export interface PeopleLoop {
  readonly message: string;
  readonly params: DiagnosticParams;
}

/** The decision mode a vendor completion condition amounts to, when it is one of the usual shapes. */
function modeOf(condition: string | null): string {
  if (condition === null) return 'tb:decisionMode="all" (会签: everyone signs)';
  const body = (expressionBody(condition) ?? condition).replace(/\s+/g, '');
  const ratio = /^nrOfCompletedInstances\/nrOfInstances(?:>=|ge)([0-9.]+)$/.exec(body)?.[1];
  if (ratio !== undefined) return `tb:decisionMode="vote" tb:passRatio="${ratio}" (票签)`;
  if (/^nrOfCompletedInstances(?:>=|ge|==|eq)1$/.test(body))
    return 'tb:decisionMode="any" (或签: the first to act decides)';
  return 'tb:decisionMode="all" (会签), "any" (或签) or "vote" with tb:passRatio (票签)';
}

/**
 * A multi-instance task that runs once per person of a collection (the Chinese OA 会签 idiom in
 * Camunda/Flowable/Activiti: `camunda:collection="${assigneeList}" camunda:elementVariable=
 * "assignee"`, or a standard loopDataInputRef), or null when the loop names no collection.
 * Tongban's multi-instance runs once per department, so the message says how to write 会签 over
 * people instead: one task of the department with tb:decisionMode and tb:handlers.
 */
export function peopleLoop(loop: ModdleElement, context: ImportContext): PeopleLoop | null {
  const collection = readVendorAttribute(loop, 'collection');
  const element = readVendorAttribute(loop, 'elementVariable');
  // Flowable and Activiti write loopDataInputRef="assigneeList" naming a variable, not a BPMN
  // data item, so moddle cannot resolve it: read the name it gave (which also keeps the reference
  // from being reported as missing).
  const input = readElement(loop, 'loopDataInputRef');
  const inputName = input === null ? context.unresolved.target(loop, 'loopDataInputRef') : elementId(input);
  const cardinality = readElement(loop, 'loopCardinality');
  const count = cardinality === null ? null : readText(cardinality, 'body');
  const what =
    collection !== null
      ? `${collection.attribute}="${collection.value}"`
      : inputName !== null
        ? `loopDataInputRef="${inputName}"`
        : element !== null
          ? `${element.attribute}="${element.value}"`
          : null;
  const runs =
    what !== null
      ? `once per person in ${what}`
      : count !== null
        ? `${count} times (loopCardinality), once per signer`
        : null;
  if (runs === null) return null;
  const sequential = loop.get('isSequential') === true;
  const condition = readElement(loop, 'completionCondition');
  const mode = sequential
    ? 'tb:decisionMode="sequential" (依次: one after another)'
    : modeOf(condition === null ? null : readText(condition, 'body'));
  const message = `This task runs ${runs} (会签 over people). Tongban's multi-instance runs once per department (tb:departments or tb:collection); for people of one department, remove the multi-instance marker and give the task its department with ${mode} and tb:handlers="张三,李四" listing who signs.`;
  return {
    message,
    params: { runs, mode, sequential: sequential ? 'true' : 'false' },
  };
}
