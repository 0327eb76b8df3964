export { isLiveStatus } from '../model/case.js';
export type { CaseContext, MultiInstanceProgress } from '../model/context.js';
export {
  CASE_EVENT_TYPES,
  EVENT_TRAITS,
  type EventTraits,
  EXTENSION_EVENT_TYPES,
  eventTypesWhere,
  SUSPENSION_EVENT_TYPES,
} from '../model/event-traits.js';
export type { CaseEvent, CaseEventType } from '../model/events.js';
export type { RecallRecord } from '../model/recall.js';
export type { CaseSnapshot, Light, StoredContext, StoredTask } from '../model/snapshot.js';
export type {
  CaseCommand,
  CaseOutcome,
  CaseRuntime,
  DeployedDefinition,
  StartInput,
} from './case-runtime.js';
export {
  type CasePage,
  type CaseQuery,
  CaseQueryError,
  type CaseSummary,
  caseMatches,
  compareCases,
  MAX_CASE_PAGE,
  type NormalizedCaseQuery,
  normalizeCaseQuery,
} from './case-search.js';
export { CommandError, type CommandErrorCode } from './command-error.js';
export { COMMAND_WHEN, describeWhen, WHO_MAY } from './commands/table.js';
export {
  type MemoryOutcome,
  MemoryRuntime,
  type MemoryRuntimeOptions,
  RuntimeLookupError,
  type ServiceHandler,
  ServiceHandlerError,
} from './memory-runtime.js';
export type * from './operation-commands.js';
export { CASE_CLOCK } from './schedule.js';
export {
  checkScenario,
  formatInstant,
  type Scenario,
  ScenarioError,
  type ScenarioStep,
  type SimulationResult,
  scenarioCommand,
  scenarioInstant,
  simulate,
  timelineEntry,
} from './simulate.js';
export { BadSnapshotError } from './snapshot-shape.js';
export { type StepApplied, type StepRefused, type StepResult, step } from './step.js';
export { SnapshotSchemaError, snapshotTasks, taskRecord } from './stored-context.js';
export type * from './supervision-commands.js';
export { commandShapeProblem, isCommand } from './validate-command.js';
export { MAX_VARIABLE_DEPTH, RESERVED_VARIABLE_NAMES, variablesProblem } from './variables-shape.js';
export { type ActorKind, describeWhoMay, type WhoMay } from './who-may.js';
export {
  compareWorklist,
  heldBy,
  lightRank,
  MAX_WORKLIST_LIMIT,
  type NormalizedWorklistQuery,
  normalizeWorklistQuery,
  onWorklist,
  type WorklistItem,
  type WorklistLightSource,
  type WorklistPage,
  type WorklistQuery,
  WorklistQueryError,
  type WorklistSort,
} from './worklist.js';
