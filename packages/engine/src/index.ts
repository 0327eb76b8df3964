/// <reference path="./bpmn/bpmn-moddle.d.ts" preserve="true" />
/**
 * `@tongban/engine`: BPMN import, compiler to xstate v5, the pure case runtime, the working-day
 * calendar and clocks. No I/O and no Node-only APIs: it runs in the browser too.
 *
 * The root holds what an embedder needs to import, compile and run cases. The rest has its own
 * entry point: `@tongban/engine/calendar` (working-day calendars), `/clock` (time-limit clocks),
 * `/supervision` (电子监察 hooks, rules, statistics, exports) and `/testing` (scenarios). Every type
 * is also exported here. See docs/architecture.md.
 * @packageDocumentation
 */

// Types: every public type, whatever entry point holds its values.
export type * from './bpmn/index.js';
// BPMN in, definitions out.
export {
  decodeBpmnBytes,
  importBpmn,
  importDefinitions,
  TB_NAMESPACE_URI,
  tbModdleDescriptor,
} from './bpmn/index.js';
export type * from './calendar/index.js';
export type * from './clock/index.js';
export type * from './compile/index.js';
export {
  COMPILER_VERSION,
  canonicalJson,
  compile,
  contentHash,
  DefinitionError,
  loadDefinition,
  processToMermaid,
  statechartToMermaid,
} from './compile/index.js';
// Errors every part throws or refuses with.
export { TongbanError } from './errors.js';
export type * from './expr/index.js';
export {
  CONDITION_LIMITS,
  ExpressionError,
  ExpressionLimitError,
  evaluateCondition,
  parseCondition,
} from './expr/index.js';
export type * from './model/case.js';
// Running cases: the pure step, the in-memory runtime, commands, events and snapshots.
export { CASE_STATUSES, isLiveStatus } from './model/case.js';
export type * from './model/diagnostics.js';
export { CASE_EVENT_TYPES, EVENT_TRAITS } from './model/event-traits.js';
export type * from './model/json.js';
export type * from './model/process.js';
export type * from './model/time.js';
export type * from './runtime/index.js';
export {
  BadSnapshotError,
  CASE_CLOCK,
  CaseQueryError,
  COMMAND_WHEN,
  CommandError,
  commandShapeProblem,
  describeWhen,
  describeWhoMay,
  formatInstant,
  isCommand,
  MAX_CASE_PAGE,
  MAX_VARIABLE_DEPTH,
  MAX_WORKLIST_LIMIT,
  MemoryRuntime,
  RESERVED_VARIABLE_NAMES,
  RuntimeLookupError,
  ServiceHandlerError,
  SnapshotSchemaError,
  snapshotTasks,
  step,
  timelineEntry,
  variablesProblem,
  WHO_MAY,
  WorklistQueryError,
} from './runtime/index.js';
export type * from './runtime/types.js';
export type * from './supervision/index.js';
export type * from './testing.js';
export { checkParsedBpmn, compileBpmn, validateBpmn } from './validate.js';
