import type { Diagnostic } from '@tongban/engine';

/** One line per diagnostic: `elementId code message` (`-` when the problem is the whole document). */
export function diagnosticLine(d: Diagnostic): string {
  return `${d.elementId ?? '-'} ${d.code} ${d.message}`;
}
