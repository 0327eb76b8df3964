import {
  BpmnModdle,
  type BpmnModdleInstance,
  type FromXmlResult,
  type ModdleElement,
  type ModdleWarning,
} from 'bpmn-moddle';
import type { Diagnostic } from '../model/diagnostics.js';
import type { ProcessModel } from '../model/process.js';
import { DiagnosticSink } from './diagnostic-sink.js';
import { checkDocumentText } from './document-text.js';
import { aliasIds, restoreIds } from './id-aliases.js';
import { type ImportContext, UnresolvedReferences } from './import-context.js';
import { IMPORT_LIMITS } from './limits.js';
import { readMatter } from './matter.js';
import { elementId, readList, readText } from './moddle-read.js';
import { readScope } from './scope.js';
import { lanesByNode } from './standard/lanes.js';
import { checkTbAttributes } from './tb-attribute-check.js';
import { TB_NAMESPACE_URI, tbModdleDescriptor } from './tb-moddle.js';

/** What {@link importBpmn} read. */
export interface ImportResult {
  /** The process model; null only when nothing usable could be read (malformed XML, no process). */
  readonly model: ProcessModel | null;
  /** Every problem found, in document order; any `error` means the model must not be compiled. */
  readonly diagnostics: readonly Diagnostic[];
}

let moddle: BpmnModdleInstance | undefined;

function bpmnModdle(): BpmnModdleInstance {
  moddle ??= BpmnModdle({ tb: tbModdleDescriptor });
  return moddle;
}

function describeParseError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (text.startsWith('failed to parse document as')) {
    return 'The document is not BPMN 2.0: its root must be <bpmn:definitions> in the namespace http://www.omg.org/spec/BPMN/20100524/MODEL.';
  }
  const nested = /nested error: (.+)/.exec(text)?.[1];
  const line = /line: (\d+)/.exec(text)?.[1];
  const column = /column: (\d+)/.exec(text)?.[1];
  const where = line === undefined ? '' : ` at line ${Number(line) + 1}, column ${Number(column ?? 0) + 1}`;
  return `The file is not well-formed XML: ${nested ?? text.split('\n')[0]}${where}.`;
}

/** What moddle said, without its position lines; ` (line N)` when it gave one. */
function warningText(message: string): { readonly what: string; readonly line: string } {
  const line = /line: (\d+)/.exec(message)?.[1];
  return {
    what: message.split('\n')[0] ?? message,
    line: line === undefined ? '' : ` (line ${Number(line) + 1})`,
  };
}

/**
 * Turns every parse warning into a diagnostic: moddle skips what it warns about, so a warning left
 * unsaid would be an element silently missing from the case. Unresolved references are kept for the
 * readers, which report them where they matter ({@link reportUnusedReferences} reports the rest).
 */
function readWarnings(
  warnings: readonly ModdleWarning[],
  unresolved: UnresolvedReferences,
  sink: DiagnosticSink,
): void {
  for (const warning of warnings) {
    if (unresolved.record(warning)) continue;
    const { what, line } = warningText(warning.message);
    const nested = /nested error: (.*)/.exec(warning.message)?.[1] ?? '';
    const duplicate = /duplicate ID <([^>]*)>/.exec(nested)?.[1];
    if (duplicate !== undefined) {
      sink.error(
        duplicate,
        'DUPLICATE_ID',
        `Two elements have the id "${duplicate}"; the second${line} was skipped. Give every element its own id.`,
      );
      continue;
    }
    const illegal = /illegal ID <([^>]*)>/.exec(nested)?.[1];
    if (illegal !== undefined) {
      sink.error(
        illegal,
        'BAD_ID',
        `The id "${illegal}"${line} cannot be read (ids may not contain character references such as &#x4e00; or start with a digit after one); the element was skipped. Write the id as plain text.`,
      );
      continue;
    }
    const unknownType = /unknown type <([^>]*)>/.exec(nested)?.[1];
    if (unknownType !== undefined) {
      sink.warning(
        null,
        'UNSUPPORTED_ELEMENT',
        `<${unknownType}>${line} is not a BPMN 2.0 element and was skipped.`,
      );
      continue;
    }
    const attribute = /^unknown attribute <([^>]*)>/.exec(what)?.[1];
    if (attribute !== undefined) {
      // tb: attribute typos are reported per element by checkTbAttributes, with a suggestion; a
      // default on a gateway that has none is BAD_DEFAULT_FLOW (checkDefaultFlows).
      if (attribute.startsWith('tb:') || attribute === 'default') continue;
      const owner = warning.element === undefined ? null : elementId(warning.element);
      sink.warning(
        owner,
        'UNSUPPORTED_ATTRIBUTE',
        `${attribute} is not an attribute of ${warning.element?.$type ?? 'this element'} in BPMN 2.0; it is ignored.`,
      );
      continue;
    }
    const encoding = /^unsupported document encoding <([^>]*)>/.exec(what)?.[1];
    if (encoding !== undefined) {
      // The engine is given text, already decoded; a declaration of UTF-16 is what a decoded
      // UTF-16 file says. Any other encoding means the text was probably decoded wrongly.
      if (/^utf-?16(?:le|be)?$/i.test(encoding)) continue;
      sink.warning(
        null,
        'BAD_ENCODING',
        `The XML declaration says encoding="${encoding}", but Tongban reads BPMN as Unicode text (UTF-8 files): if names look garbled, save the file as UTF-8.`,
      );
      continue;
    }
    // Anything else moddle could not parse was skipped with its content: refuse the model rather
    // than run it without that part.
    sink.error(
      null,
      'MALFORMED_XML',
      `Part of the document${line} could not be read and would be missing: ${nested || what}.`,
    );
  }
}

/** Unresolved references no reader looked at (e.g. in a diagram or another pool): still said. */
function reportUnusedReferences(unresolved: UnresolvedReferences, sink: DiagnosticSink): void {
  for (const { element, property, id } of unresolved.unread()) {
    sink.warning(
      elementId(element),
      'MISSING_TARGET',
      `${property} refers to "${id}", which does not exist; the reference is ignored.`,
    );
  }
}

/** Flow nodes (not flows) in a process and all its subprocesses, counted without recursion. */
function countFlowNodes(process: ModdleElement): number {
  let count = 0;
  const pending = [process];
  for (let container = pending.pop(); container !== undefined; container = pending.pop()) {
    for (const element of readList(container, 'flowElements')) {
      if (element.$type === 'bpmn:SequenceFlow') continue;
      count += 1;
      pending.push(element);
    }
  }
  return count;
}

function size(process: ModdleElement): number {
  return readList(process, 'flowElements').length;
}

/** Tongban runs one process per file: an executable one with flow elements, else the largest. */
function chooseProcess(definitions: ModdleElement, sink: DiagnosticSink): ModdleElement | null {
  const processes = readList(definitions, 'rootElements').filter(
    (element) => element.$type === 'bpmn:Process',
  );
  const withFlow = processes.filter((process) => size(process) > 0);
  const candidates = withFlow.length > 0 ? withFlow : processes;
  const executable = candidates.filter((process) => process.get('isExecutable') === true);
  const largestFirst = [...(executable.length > 0 ? executable : candidates)].sort(
    (a, b) => size(b) - size(a),
  );
  const chosen = largestFirst[0];
  if (chosen === undefined) {
    sink.error(
      null,
      'NO_PROCESS',
      'The file has no <bpmn:process>; a collaboration or diagram alone cannot run. Draw the flow inside a process (pool).',
    );
    return null;
  }
  if (withFlow.length > 1) {
    const ids = withFlow.map((process) => elementId(process) ?? '?').join(', ');
    const why = executable.length > 0 ? 'the executable one' : 'the largest';
    sink.warning(
      elementId(chosen),
      'MULTIPLE_PROCESSES',
      `The file has ${withFlow.length} processes with flow elements (${ids}); Tongban runs one process per file and took ${why}. Put each process you want to run in its own file.`,
    );
  }
  return chosen;
}

function tbPrefix(definitions: ModdleElement): string | null {
  const entry = Object.entries(definitions.$attrs).find(
    ([key, value]) => key.startsWith('xmlns:') && value === TB_NAMESPACE_URI,
  );
  return entry === undefined ? null : entry[0].slice('xmlns:'.length);
}

/** Reads the chosen process of a parsed document; `warnings` are the parser's. */
function importParsed(
  definitions: ModdleElement,
  warnings: readonly ModdleWarning[],
  sink: DiagnosticSink,
): ProcessModel | null {
  const unresolved = new UnresolvedReferences();
  readWarnings(warnings, unresolved, sink);
  const process = chooseProcess(definitions, sink);
  if (process === null) return null;
  const id = elementId(process);
  if (id === null) {
    sink.error(null, 'NO_PROCESS', 'The process has no id; give <bpmn:process> an id.');
    return null;
  }
  const context: ImportContext = {
    sink,
    messages: {},
    unresolved,
    tbPrefix: tbPrefix(definitions),
    lanes: lanesByNode(process),
  };
  const boundTb = definitions.$attrs['xmlns:tb'];
  if (boundTb !== undefined && boundTb !== TB_NAMESPACE_URI) {
    sink.warning(
      id,
      'UNSUPPORTED_ATTRIBUTE',
      `The prefix tb is bound to "${boundTb}", not to Tongban's namespace, so every tb: attribute is ignored; declare xmlns:tb="${TB_NAMESPACE_URI}".`,
    );
  }
  const nodes = countFlowNodes(process);
  if (nodes > IMPORT_LIMITS.flowNodes) {
    sink.error(
      id,
      'LIMIT_EXCEEDED',
      `The process has ${nodes} flow nodes; Tongban compiles processes of at most ${IMPORT_LIMITS.flowNodes} flow nodes (subprocesses included). Split the matter.`,
    );
    return null;
  }
  checkTbAttributes(process, id, context);
  const matter = readMatter(process, id, context);
  const root = readScope(process, id, context);
  reportUnusedReferences(unresolved, sink);
  return { id, name: readText(process, 'name'), matter, root, messages: context.messages };
}

async function importDocument(xml: string, sink: DiagnosticSink): Promise<ProcessModel | null> {
  if (!checkDocumentText(xml, sink)) return null;
  const aliased = aliasIds(xml);
  let parsed: FromXmlResult;
  try {
    parsed = await bpmnModdle().fromXML(aliased.xml);
  } catch (error) {
    sink.error(null, 'MALFORMED_XML', describeParseError(error));
    return null;
  }
  const warnings = restoreIds(parsed.rootElement, parsed.warnings, aliased);
  return importParsed(parsed.rootElement, warnings, sink);
}

/** The IMPORT_FAILED diagnostic: an exception escaped the importer. */
function importFailed(error: unknown, sink: DiagnosticSink): ImportResult {
  const reason = error instanceof Error ? error.message : String(error);
  sink.error(
    null,
    'IMPORT_FAILED',
    `The importer failed unexpectedly (${reason}); this is a Tongban bug: please report it with the file.`,
  );
  return { model: null, diagnostics: sink.diagnostics };
}

/**
 * A BPMN document bpmn-moddle has already parsed, such as bpmn-js' `getDefinitions()` in a
 * modeler created with the `tb` extension ({@link tbModdleDescriptor}).
 */
export interface ParsedBpmn {
  /** The `bpmn:definitions` element. */
  readonly definitions: unknown;
  /**
   * The parser's warnings (bpmn-js' `importXML` returns them): duplicate ids, unknown elements,
   * unresolved references. Leave out for a model edited since it was parsed, as saving and parsing
   * it again would find none.
   */
  readonly warnings?: readonly unknown[];
}

function isDefinitions(value: unknown): value is ModdleElement {
  const element = value as Partial<ModdleElement> | null;
  return (
    typeof element === 'object' &&
    element !== null &&
    element.$type === 'bpmn:Definitions' &&
    typeof element.get === 'function' &&
    typeof element.$attrs === 'object'
  );
}

function isWarning(value: unknown): value is ModdleWarning {
  return typeof (value as Partial<ModdleWarning> | null)?.message === 'string';
}

/**
 * {@link importBpmn} on a document already parsed: the same model and diagnostics as importing its
 * XML, without parsing it again. Never throws.
 */
export function importDefinitions(parsed: ParsedBpmn): ImportResult {
  const sink = new DiagnosticSink();
  try {
    if (!isDefinitions(parsed.definitions)) {
      sink.error(null, 'MALFORMED_XML', 'Expected the bpmn:definitions element of a parsed BPMN document.');
      return { model: null, diagnostics: sink.diagnostics };
    }
    const model = importParsed(parsed.definitions, (parsed.warnings ?? []).filter(isWarning), sink);
    return { model, diagnostics: sink.diagnostics };
  } catch (error) {
    return importFailed(error, sink);
  }
}

/**
 * Reads BPMN 2.0 XML with Tongban's `tb:` extension into the typed process model (IR). Never
 * throws and never rejects: every problem, from malformed XML to a task without a department,
 * becomes a {@link Diagnostic} naming the element it is about.
 */
export async function importBpmn(xml: string): Promise<ImportResult> {
  const sink = new DiagnosticSink();
  try {
    if (typeof xml !== 'string') {
      sink.error(null, 'MALFORMED_XML', `Expected BPMN XML as a string, got ${typeof xml}.`);
      return { model: null, diagnostics: sink.diagnostics };
    }
    const model = await importDocument(xml, sink);
    return { model, diagnostics: sink.diagnostics };
  } catch (error) {
    return importFailed(error, sink);
  }
}
