/**
 * Safe conditions: FEEL expressions over case variables, parsed and evaluated by feelin (no `eval`,
 * `Function` or `vm`).
 * @module
 */

export { ExpressionError } from './expression-error.js';
export {
  type ConditionVariables,
  evaluateCondition,
  type ParseConditionResult,
  parseCondition,
} from './feel.js';
