import type { DiagnosticSink } from './diagnostic-sink.js';
import { IMPORT_LIMITS } from './limits.js';

/**
 * Checks on the document as text, before parsing. A DOCTYPE is refused: the parser neither expands
 * its entities (so `&dep;` would become a department literally named "&dep;") nor should it
 * (entity expansion is the classic way to make a parser use unbounded memory).
 */
export function checkDocumentText(xml: string, sink: DiagnosticSink): boolean {
  if (xml.length > IMPORT_LIMITS.xmlLength) {
    sink.error(
      null,
      'LIMIT_EXCEEDED',
      `The document has ${xml.length} characters; Tongban reads BPMN documents of at most ${IMPORT_LIMITS.xmlLength} characters.`,
    );
    return false;
  }
  const doctype = /<!DOCTYPE/i.exec(xml);
  if (doctype !== null) {
    const line = xml.slice(0, doctype.index).split('\n').length;
    sink.error(
      null,
      'DOCTYPE',
      `The document has a <!DOCTYPE> (line ${line}); BPMN needs none and Tongban does not expand its entities: remove it and write names as plain text.`,
    );
    return false;
  }
  return true;
}
