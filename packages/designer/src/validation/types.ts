import type { CalendarSource, CompiledDefinition, Diagnostic, ParsedBpmn } from '@tongban/engine';

/** What the page needs from the engine to validate a model: import and compile, diagnostics out. */
export interface ValidationResult {
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
  /**
   * Identifies the compiled model (null when it does not compile): tells a changed model. Computed
   * on first call (a serialisation of the whole model, 40–50 ms at 3,000 elements), so only a dry
   * run in progress pays for it.
   */
  key(): string | null;
  /**
   * The compiled definition when the model compiles (the preview and dry run use it). Built on
   * first call, so validating on every change never builds a machine nobody looks at.
   */
  definition(): CompiledDefinition | null;
}

/** Validates the document bpmn-js holds (its moddle definitions), as the engine would its XML. */
export type Validator = (parsed: ParsedBpmn, calendars?: CalendarSource) => ValidationResult;
