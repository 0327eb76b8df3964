// The part of @tongban/engine the durable runtime builds on, in one place.
export {
  type CaseEvent,
  type CaseSnapshot,
  CommandError,
  type CompiledDefinition,
  type CompileOptions,
  type DefinitionDocument,
  type Instant,
  loadDefinition,
  type StepResult,
  step,
} from '@tongban/engine';
