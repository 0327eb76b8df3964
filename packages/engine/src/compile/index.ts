export {
  COMPILER_VERSION,
  type CompiledDefinition,
  type CompileResult,
  compile,
  type DefinitionDocument,
  DefinitionError,
  loadDefinition,
} from './compile.js';
export type { MachineEvent, MachineInput } from './machine.js';
export { canonicalJson, contentHash } from './hash.js';
