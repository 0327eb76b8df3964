import type { CaseEventType, CaseStatus } from '@tongban/engine';
import type { CaseRow, EventRow } from '../runtime/reads.js';

/** The event that ends a case, and the status it leaves. */
const ENDINGS: Readonly<Partial<Record<CaseEventType, CaseStatus>>> &
  Readonly<Record<string, string | undefined>> = {
  'case.completed': 'completed',
  'case.terminated': 'terminated',
  'case.failed': 'failed',
  'case.withdrawn': 'withdrawn',
  'case.refused': 'refused',
};

interface StoredSnapshot {
  readonly caseId?: unknown;
  readonly definitionHash?: unknown;
  readonly status?: unknown;
  readonly light?: unknown;
  readonly dueAt?: unknown;
}

/**
 * Compares the case row and its snapshot with what its (already verified) log says. The hash chain
 * covers events only; these checks catch a row or snapshot edited on its own, and a tail of the
 * log cut away while the snapshot still shows its effect:
 * - the row's status, light and deadline columns equal the snapshot's, and the snapshot names this
 *   case and its definition;
 * - a case whose log has an ending event (`case.completed`, `case.withdrawn` …) has that status,
 *   and a completed case has its `case.completed` event.
 * Lights and open tasks are not replayed: the log does not record every light a clock starts with,
 * so a comparison would raise false alarms. Returns why they disagree, or null.
 */
export function disagreement(row: CaseRow, events: readonly EventRow[]): string | null {
  const snapshot = (row.snapshot ?? {}) as StoredSnapshot;
  if (snapshot.caseId !== row.id) return 'the snapshot belongs to another case';
  if (snapshot.definitionHash !== row.definitionHash)
    return 'the snapshot runs on another definition than the case row';
  if (snapshot.status !== row.status)
    return `the case row says ${row.status} but its snapshot says ${String(snapshot.status)}`;
  if ((snapshot.light ?? null) !== row.light)
    return `the case row's light ${String(row.light)} is not its snapshot's ${String(snapshot.light)}`;
  if ((snapshot.dueAt ?? null) !== row.dueAt) return "the case row's deadline is not its snapshot's";

  let ending: string | null = null;
  for (const event of events) ending = ENDINGS[event.type as CaseEventType] ?? ending;
  if (ending !== null && row.status !== ending)
    return `the log ends the case as ${ending} but the case says ${row.status}`;
  if (row.status === 'completed' && ending !== 'completed')
    return 'the case is completed but its log has no case.completed event (a cut tail?)';
  return null;
}
