export {
  COMPILER_VERSION,
  type CompiledDefinition,
  type CompileOptions,
  type CompileResult,
  checkModel,
  compile,
  type DefinitionDocument,
  DefinitionError,
  loadDefinition,
} from './compile.js';
export { canonicalJson, contentHash } from './hash.js';
export type { MachineEvent, MachineInput } from './machine.js';
export type { StageIndex, StagePlace } from './stage-index.js';
export {
  blockKey,
  blockStateId,
  branchDoneKey,
  branchKey,
  nodeStateId,
  regionDoneKey,
  stateKey,
  terminatedKey,
} from './state-ids.js';
export { processToMermaid, statechartToMermaid } from './statechart-diagram.js';
