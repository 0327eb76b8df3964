import type { CompiledDefinition, Diagnostic } from '@tongban/engine';

/** What the page needs from the engine to validate a model: import and compile, diagnostics out. */
export interface ValidationResult {
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
  /** The compiled definition when the model compiles (the preview and dry run use it). */
  readonly definition: CompiledDefinition | null;
}

export type Validator = (xml: string) => Promise<ValidationResult>;
