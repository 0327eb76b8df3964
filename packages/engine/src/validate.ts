import { importBpmn } from './bpmn/index.js';
import { type CompileOptions, type CompileResult, compile } from './compile/index.js';
import type { Diagnostic } from './model/diagnostics.js';

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
