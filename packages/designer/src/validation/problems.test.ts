import type { Diagnostic } from '@tongban/engine';
import { describe, expect, it } from 'vitest';
import { countBySeverity, groupByElement, sortDiagnostics } from './problems.js';

const d = (
  elementId: string | null,
  severity: Diagnostic['severity'],
  code: Diagnostic['code'],
): Diagnostic => ({
  elementId,
  severity,
  code,
  message: `${code} on ${elementId}`,
});

describe('problems list', () => {
  const diagnostics = [
    d('B', 'warning', 'BAD_MULTI_INSTANCE'),
    d('A', 'error', 'MISSING_DEPARTMENT'),
    d(null, 'error', 'NO_PROCESS'),
    d('B', 'error', 'BAD_TIME_LIMIT'),
  ];

  it('lists errors before warnings, then by element', () => {
    expect(sortDiagnostics(diagnostics).map((x) => `${x.severity}:${x.elementId}`)).toEqual([
      'error:null',
      'error:A',
      'error:B',
      'warning:B',
    ]);
  });

  it('groups by element for the overlays, counting each severity', () => {
    const groups = groupByElement(diagnostics);
    expect(groups.map((g) => [g.elementId, g.errors, g.warnings])).toEqual([
      [null, 1, 0],
      ['A', 1, 0],
      ['B', 1, 1],
    ]);
    expect(countBySeverity(diagnostics)).toEqual({ errors: 3, warnings: 1 });
  });
});
