/**
 * `@tongban/engine/internal`: what Tongban's own packages (adapters, designer, scripts) share with
 * the engine: statechart addresses, store helpers, attribute parsers. Not a public API: it changes
 * with the engine, without notice.
 * @internal
 * @module
 */
export { parseHandlers, parsePassRatio } from './bpmn/decision-attributes.js';
export { checkModel } from './compile/compile.js';
export {
  blockKey,
  blockStateId,
  branchDoneKey,
  branchKey,
  nodeStateId,
  regionDoneKey,
  stateKey,
  terminatedKey,
} from './compile/state-ids.js';
export { takeConditionFault } from './expr/feel.js';
export { EXTENSION_EVENT_TYPES, eventTypesWhere, SUSPENSION_EVENT_TYPES } from './model/event-traits.js';
export { caseMatches, compareCases, normalizeCaseQuery } from './runtime/case-search.js';
export { taskRecord } from './runtime/stored-context.js';
export {
  compareWorklist,
  heldBy,
  lightRank,
  normalizeWorklistQuery,
  onWorklist,
} from './runtime/worklist.js';
