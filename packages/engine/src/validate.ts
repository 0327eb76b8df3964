import { importBpmn, importDefinitions, type ParsedBpmn } from './bpmn/index.js';
import { type CompileOptions, type CompileResult, checkModel, compile } from './compile/index.js';
import type { Diagnostic } from './model/diagnostics.js';
import type { ProcessModel } from './model/process.js';

/**
 * The last line of the promise that these functions never throw: a compiler bug becomes a
 * diagnostic the caller can show, not a stack trace.
 */
function compileFailed(error: unknown): Diagnostic {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    elementId: null,
    code: 'COMPILE_FAILED',
    message: `The compiler failed unexpectedly (${reason}); this is a Tongban bug: please report it with the file.`,
    severity: 'error',
  };
}

/** Import errors about one field of an element: the element stays in the graph as drawn. */
const FIELD_ERRORS: ReadonlySet<Diagnostic['code']> = new Set<Diagnostic['code']>([
  'MISSING_DEPARTMENT',
  'BAD_ROLE',
  'BAD_TIME_LIMIT',
  'MISSING_HANDLER',
  'BAD_MATTER',
  'BAD_DECISION_MODE',
  'BAD_MULTI_INSTANCE',
  'MISSING_CONDITION',
  'BAD_CONDITION',
  'UNKNOWN_CALENDAR',
]);

/**
 * The import's diagnostics, then what the structural checks find in the model the import still
 * made (a task without a department is still a task): a designer sees every problem at once rather
 * than one stage's problems hiding the next's. The model is partial, so a check that fails on it
 * says nothing: the import's errors already refuse the model.
 */
function alongImportErrors(
  imported: readonly Diagnostic[],
  model: ProcessModel,
  options: CompileOptions,
): Diagnostic[] {
  // An import error that drops or reshapes an element would make the checks report its echoes
  // (unreachable successors …); errors in a field leave the graph as drawn.
  if (imported.some((d) => d.severity === 'error' && !FIELD_ERRORS.has(d.code))) return [...imported];
  let checked: Diagnostic[];
  try {
    checked = checkModel(model, options);
  } catch {
    return [...imported];
  }
  const seen = new Set(imported.map((d) => `${d.elementId}\u0000${d.code}`));
  return [...imported, ...checked.filter((d) => !seen.has(`${d.elementId}\u0000${d.code}`))];
}

/**
 * BPMN XML to a runnable definition: import, then compile. Import diagnostics (warnings included)
 * come first; compile runs only when the import found no error. Never throws on bad input.
 */
export async function compileBpmn(xml: string, options: CompileOptions = {}): Promise<CompileResult> {
  const imported = await importBpmn(xml);
  const importErrors = imported.diagnostics.some((d) => d.severity === 'error');
  if (imported.model === null) return { ok: false, diagnostics: [...imported.diagnostics] };
  if (importErrors)
    return { ok: false, diagnostics: alongImportErrors(imported.diagnostics, imported.model, options) };
  let compiled: CompileResult;
  try {
    compiled = compile(imported.model, options);
  } catch (error) {
    return { ok: false, diagnostics: [...imported.diagnostics, compileFailed(error)] };
  }
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
  if (imported.model === null) return { ok: false, diagnostics: [...imported.diagnostics], model: null };
  if (importErrors) {
    return {
      ok: false,
      diagnostics: alongImportErrors(imported.diagnostics, imported.model, options),
      model: null,
    };
  }
  let checked: Diagnostic[];
  try {
    checked = checkModel(imported.model, options);
  } catch (error) {
    return { ok: false, diagnostics: [...imported.diagnostics, compileFailed(error)], model: null };
  }
  const ok = !checked.some((d) => d.severity === 'error');
  return { ok, diagnostics: [...imported.diagnostics, ...checked], model: ok ? imported.model : null };
}
