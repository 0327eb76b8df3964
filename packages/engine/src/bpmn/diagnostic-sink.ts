import type { Diagnostic, DiagnosticCode } from '../model/diagnostics.js';

/** Collects diagnostics in the order they are found. */
export class DiagnosticSink {
  readonly diagnostics: Diagnostic[] = [];

  error(elementId: string | null, code: DiagnosticCode, message: string): void {
    this.diagnostics.push({ elementId, code, message, severity: 'error' });
  }

  warning(elementId: string | null, code: DiagnosticCode, message: string): void {
    this.diagnostics.push({ elementId, code, message, severity: 'warning' });
  }
}
