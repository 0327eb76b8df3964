import { importBpmn, importDefinitions, type ParsedBpmn } from './bpmn/index.js';
import { type CompileOptions, type CompileResult, checkModel, compile } from './compile/index.js';
import type { Diagnostic } from './model/diagnostics.js';
import type { ProcessModel } from './model/process.js';

/**
 * BPMN XML to a runnable definition: import, then compile. Import diagnostics (warnings included)
 * come first; compile runs only when the import found no error. Never throws on bad input.
 */
export async function compileBpmn(xml: string, options: CompileOptions = {}): Promise<CompileResult> {
  const imported = await importBpmn(xml);
  const importErrors = imported.diagnostics.some((d) => d.severity === 'error');
  if (imported.model === null || importErrors) return { ok: false, diagnostics: [...imported.diagnostics] };
  const compiled = compile(imported.model, options);
  const diagnostics = [...imported.diagnostics, ...compiled.diagnostics];
  return compiled.ok ? { ...compiled, diagnostics } : { ok: false, diagnostics };
}

/** What `tongban validate` and the designer report: does it compile, and every diagnostic. */
export async function validateBpmn(
  xml: string,
  options: CompileOptions = {},
): Promise<{ ok: boolean; diagnostics: Diagnostic[] }> {
  const result = await compileBpmn(xml, options);
  return { ok: result.ok, diagnostics: result.diagnostics };
}

/** What {@link checkParsedBpmn} found: compileBpmn's verdict and diagnostics, and the model. */
export interface ParsedCheck {
  readonly ok: boolean;
  readonly diagnostics: Diagnostic[];
  /** The imported model when it compiles: `compile(model)` gives the runnable definition. */
  readonly model: ProcessModel | null;
}

/**
 * {@link compileBpmn}'s verdict on a document already parsed (the designer passes bpmn-js'
 * definitions): the same diagnostics in the same order, without parsing the XML again and without
 * building the machine, which no diagnostic depends on. Never throws on bad input.
 */
export function checkParsedBpmn(parsed: ParsedBpmn, options: CompileOptions = {}): ParsedCheck {
  const imported = importDefinitions(parsed);
  const importErrors = imported.diagnostics.some((d) => d.severity === 'error');
  if (imported.model === null || importErrors) {
    return { ok: false, diagnostics: [...imported.diagnostics], model: null };
  }
  const checked = checkModel(imported.model, options);
  const ok = !checked.some((d) => d.severity === 'error');
  return { ok, diagnostics: [...imported.diagnostics, ...checked], model: ok ? imported.model : null };
}
