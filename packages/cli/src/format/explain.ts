import type { Diagnostic } from '@tongban/engine';
import { explainLanguage } from '../i18n/explain-messages.js';
import type { Lang } from '../i18n/lang.js';

/** The codes that say what was read from a vendor attribute, a lane or JUEL (docs/standard-bpmn.md). */
const INFERRED = new Set([
  'DEPARTMENT_INFERRED',
  'HANDLER_INFERRED',
  'JUEL_TRANSLATED',
  'TASK_READ_AS_USER_TASK',
]);

/** Where an inference came from: `camunda:candidateGroups`, `lane`, `manualTask`… */
function sourceOf(d: Diagnostic): string {
  const params = d.params ?? {};
  if (d.code === 'MULTI_INSTANCE_OVER_PEOPLE') return 'multi-instance';
  return String(params.source ?? params.attribute ?? params.type ?? 'JUEL');
}

/** What was taken, for one line: the department, the handler, `juel → feel`. */
function takenOf(d: Diagnostic): string {
  const params = d.params ?? {};
  if (d.code === 'JUEL_TRANSLATED') return `${String(params.juel)} → ${String(params.feel)}`;
  if (d.code === 'HANDLER_INFERRED') return String(params.handler);
  if (d.code === 'MULTI_INSTANCE_OVER_PEOPLE') return `${String(params.department)}: ${String(params.mode)}`;
  if (d.code === 'DEPARTMENT_INFERRED' && params.source === 'lane') {
    return `${String(params.department)} (${String(params.lane)})`;
  }
  return String(params.department ?? d.message);
}

/**
 * `tongban validate --explain` for one file: whether it compiles, then its warnings grouped by
 * where Tongban took something from (vendor attribute, lane, JUEL), then other warnings and errors
 * as `elementId code message` lines.
 */
export function explainFile(
  file: string,
  ok: boolean,
  diagnostics: readonly Diagnostic[],
  lang: Lang,
): string {
  const words = explainLanguage(lang);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  const lines = [
    `${file}: ${ok ? words.compiles(warnings.length) : words.refused(errors.length, warnings.length)}`,
  ];
  const groups = new Map<string, Diagnostic[]>();
  for (const d of warnings.filter((w) => INFERRED.has(w.code))) {
    const key = `${d.code}\u0000${sourceOf(d)}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  if (groups.size === 0) lines.push(`  ${words.nothingInferred}`);
  for (const [key, members] of groups) {
    const [code = '', source = ''] = key.split('\u0000');
    lines.push(`  ${words.group(code, source, members.length)}`);
    for (const d of members) lines.push(`    ${d.elementId ?? '-'}  ${takenOf(d)}`);
  }
  const others = warnings.filter((d) => !INFERRED.has(d.code));
  if (others.length > 0) {
    lines.push(`  ${words.others(others.length)}`);
    for (const d of others) lines.push(`    ${d.elementId ?? '-'} ${d.code} ${d.message}`);
  }
  if (errors.length > 0) {
    lines.push(`  ${words.errors(errors.length)}`);
    for (const d of errors) lines.push(`    ${d.elementId ?? '-'} ${d.code} ${d.message}`);
  }
  return `${lines.join('\n')}\n`;
}
