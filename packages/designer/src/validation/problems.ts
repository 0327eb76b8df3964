import type { Diagnostic } from '@tongban/engine';

/** Diagnostics grouped by element, errors first, for overlays and the problems list. */
export interface ElementProblems {
  readonly elementId: string | null;
  readonly errors: number;
  readonly warnings: number;
  readonly diagnostics: readonly Diagnostic[];
}

export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const rank = (d: Diagnostic): number => (d.severity === 'error' ? 0 : 1);
  return [...diagnostics].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.elementId ?? '').localeCompare(b.elementId ?? '') ||
      a.code.localeCompare(b.code),
  );
}

export function groupByElement(diagnostics: readonly Diagnostic[]): ElementProblems[] {
  const groups = new Map<string | null, Diagnostic[]>();
  for (const diagnostic of sortDiagnostics(diagnostics)) {
    const list = groups.get(diagnostic.elementId) ?? [];
    list.push(diagnostic);
    groups.set(diagnostic.elementId, list);
  }
  return [...groups].map(([elementId, list]) => ({
    elementId,
    errors: list.filter((d) => d.severity === 'error').length,
    warnings: list.filter((d) => d.severity === 'warning').length,
    diagnostics: list,
  }));
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return { errors, warnings: diagnostics.length - errors };
}
