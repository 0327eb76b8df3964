/**
 * Safe conditions: FEEL expressions over case variables, parsed and evaluated by feelin (no `eval`,
 * `Function` or `vm`).
 * @module
 */

export { ExpressionError, ExpressionLimitError } from './expression-error.js';
export {
  type ConditionVariables,
  evaluateCondition,
  type ParseConditionResult,
  parseCondition,
  takeConditionFault,
} from './feel.js';
export { CONDITION_LIMITS } from './feel-limits.js';
