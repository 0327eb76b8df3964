import type { Diagnostic, DiagnosticCode } from '../model/diagnostics.js';

/** Collects diagnostics in the order they are found. */
export class DiagnosticSink {
  readonly diagnostics: Diagnostic[] = [];

  error(
    elementId: string | null,
    code: DiagnosticCode,
    message: string,
    params?: Diagnostic['params'],
  ): void {
    this.diagnostics.push({ elementId, code, message, severity: 'error', ...(params ? { params } : {}) });
  }

  warning(
    elementId: string | null,
    code: DiagnosticCode,
    message: string,
    params?: Diagnostic['params'],
  ): void {
    this.diagnostics.push({ elementId, code, message, severity: 'warning', ...(params ? { params } : {}) });
  }
}
