import {
  type AccountabilityRule,
  type CaseEvent,
  type DefinitionDocument,
  type ExportRecord,
  type Instant,
  loadDefinition,
  type MatterInfo,
} from '@tongban/engine';
import {
  CASE_COLUMNS,
  caseRecords,
  DEFAULT_ACCOUNTABILITY_RULES,
  evaluateAccountability,
  SUPERVISION_COLUMNS,
  supervisionRecords,
  TASK_COLUMNS,
  taskRecords,
} from '@tongban/engine/supervision';
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../store/database.js';

/** What to export. */
export type ExportWhat = 'cases' | 'tasks' | 'supervision';

/** Options of {@link exportRecords}. */
export interface ExportOptions {
  readonly what: ExportWhat;
  /** Only cases started (受理/收件) at or after this instant. */
  readonly from?: Instant;
  /** Only cases started before this instant. */
  readonly to?: Instant;
  /** Accountability rules whose firings join the supervision records (default: the example rules). */
  readonly rules?: readonly AccountabilityRule[];
}

/** The columns of an export, in order. */
export function exportColumns(what: ExportWhat): readonly string[] {
  return what === 'cases' ? CASE_COLUMNS : what === 'tasks' ? TASK_COLUMNS : SUPERVISION_COLUMNS;
}

/**
 * Records for supervisors with the GB/T 39046-2020 field names, built from the stored event log
 * (the source of truth) by the engine's pure exporters, with each case's matter from its
 * definition and the matter code kept on the case row.
 */
export async function exportRecords(db: Executor, options: ExportOptions): Promise<ExportRecord[]> {
  const window = sql`${options.from ?? Number.MIN_SAFE_INTEGER}::bigint <= c.started_at
    and c.started_at < ${options.to ?? Number.MAX_SAFE_INTEGER}::bigint`;
  const cases = await queryRows<{ id: string; matter_code: string | null; definition_hash: string }>(
    db,
    sql`select c.id, c.matter_code, c.definition_hash from cases c where ${window} order by c.started_at, c.id`,
  );
  const events = await queryRows<{ payload: CaseEvent }>(
    db,
    sql`select e.payload from events e join cases c on c.id = e.case_id where ${window}
      order by c.started_at, c.id, e.seq`,
  );
  const log = events.map((row) => row.payload);
  if (options.what === 'tasks') return taskRecords(log);
  const leads = new Map<string, string>();
  for (const event of log)
    if (event.type === 'task.opened' && event.role === 'lead' && event.department && !leads.has(event.caseId))
      leads.set(event.caseId, event.department);
  if (options.what === 'supervision') {
    const firings = evaluateAccountability(log, options.rules ?? DEFAULT_ACCOUNTABILITY_RULES, {
      leadDepartmentOf: (caseId) => leads.get(caseId) ?? null,
    });
    return supervisionRecords(log, firings);
  }
  const hashes = [...new Set(cases.map((row) => row.definition_hash))];
  const matters = new Map<string, MatterInfo | null>();
  if (hashes.length > 0) {
    const documents = await queryRows<{ hash: string; document: DefinitionDocument }>(
      db,
      sql`select d.hash, d.document from definitions d
        where d.hash in (select jsonb_array_elements_text(${JSON.stringify(hashes)}::jsonb))`,
    );
    for (const row of documents) matters.set(row.hash, loadDefinition(row.document).matter);
  }
  const byCase = new Map(cases.map((row) => [row.id, row]));
  return caseRecords(log, {
    matterOf: (caseId) => matters.get(byCase.get(caseId)?.definition_hash ?? '') ?? null,
    matterCodeOf: (caseId) => byCase.get(caseId)?.matter_code ?? null,
  });
}
