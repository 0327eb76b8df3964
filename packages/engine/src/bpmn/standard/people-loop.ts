import type { ModdleElement } from 'bpmn-moddle';
import type { DecisionMode } from '../../model/process.js';
import type { ImportContext } from '../import-context.js';
import { elementId, readElement, readText } from '../moddle-read.js';
import { expressionBody, readVendorAttribute } from './vendor.js';

/** How a multi-instance over people decides, as Tongban's decision attributes. */
export interface PeopleDecision {
  readonly decisionMode: DecisionMode;
  readonly passRatio?: number;
}

/** A multi-instance task over people (会签), as read from its loop. */
export interface PeopleLoop {
  /** `once per person in camunda:collection="${assigneeList}"`, `3 times (loopCardinality)…`. */
  readonly runs: string;
  /** The decision the loop amounts to, or null when its completion condition is of no usual shape. */
  readonly decision: PeopleDecision | null;
  /** The same, as tb: attributes for a message: `tb:decisionMode="vote" tb:passRatio="0.6"`. */
  readonly attributes: string;
}

const MODE_WORDS: Readonly<Record<DecisionMode, string>> = {
  all: '会签: everyone signs',
  any: '或签: the first to act decides',
  vote: '票签',
  sequential: '依次: one after another',
};

/** The decision a vendor completion condition amounts to, for its usual shapes; null otherwise. */
function decisionOf(condition: string | null, sequential: boolean): PeopleDecision | null {
  const body = condition === null ? '' : (expressionBody(condition) ?? condition).replace(/\s+/g, '');
  if (sequential) return body === '' ? { decisionMode: 'sequential' } : null;
  if (body === '') return { decisionMode: 'all' };
  const ratio = Number(/^nrOfCompletedInstances\/nrOfInstances(?:>=|ge)([0-9.]+)$/.exec(body)?.[1]);
  if (ratio > 0 && ratio <= 1) return { decisionMode: 'vote', passRatio: ratio };
  if (/^nrOfCompletedInstances(?:>=|ge|==|eq)1$/.test(body)) return { decisionMode: 'any' };
  if (/^nrOfCompletedInstances(?:>=|ge|==|eq)nrOfInstances$/.test(body)) return { decisionMode: 'all' };
  return null;
}

function attributesOf(decision: PeopleDecision | null): string {
  if (decision === null)
    return 'tb:decisionMode="all" (会签), "any" (或签), "vote" with tb:passRatio (票签) or "sequential" (依次)';
  const ratio = decision.passRatio === undefined ? '' : ` tb:passRatio="${decision.passRatio}"`;
  return `tb:decisionMode="${decision.decisionMode}"${ratio} (${MODE_WORDS[decision.decisionMode]})`;
}

/**
 * A multi-instance task that runs once per person of a collection (the Chinese OA 会签 idiom in
 * Camunda/Flowable/Activiti: `camunda:collection="${assigneeList}" camunda:elementVariable=
 * "assignee"`, a loopDataInputRef, or a loopCardinality), or null when the loop names none of them.
 * Tongban's multi-instance runs once per department; people of one department sign one task under
 * a decision mode, so that is what the loop becomes (see readUserTask).
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
  const condition = readElement(loop, 'completionCondition');
  const decision = decisionOf(
    condition === null ? null : readText(condition, 'body'),
    loop.get('isSequential') === true,
  );
  return { runs, decision, attributes: attributesOf(decision) };
}
