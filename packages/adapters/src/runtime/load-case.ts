import { sql } from 'drizzle-orm';
import { GENESIS_HASH } from '../audit/chain.js';
import { StoreProtocolError } from '../errors.js';
import type { TongbanStore } from '../store/store.js';
import type { CommandOutcome } from './durable-types.js';
import type { CaseSnapshot } from './engine.js';
import type { CaseHead } from './head-cache.js';

/**
 * What one command reads before it is stepped, in one round trip: the case's head, and when asked
 * the result stored under its idempotency key and whether its timer is still pending.
 */
export interface LoadedRow {
  definition_hash: string | null;
  snapshot: CaseSnapshot | null;
  version: number | null;
  last_seq: number | null;
  last_hash: string | null;
  key_case: string | null;
  key_result: Omit<CommandOutcome, 'replayed'> | null;
  key_fingerprint: string | null;
  timer_exists: boolean;
  timer_fired: unknown;
}

export async function loadCaseRow(
  store: TongbanStore,
  caseId: string,
  key: string | null,
  timerId: string | null,
): Promise<LoadedRow> {
  // Only what this command needs: the idempotency and timer look-ups are scalar sub-queries that
  // are left out when there is no key or no timer.
  const keyColumns =
    key === null
      ? sql`null as key_case, null as key_result, null as key_fingerprint`
      : sql`(select k.case_id from commands k where k.key = ${key}) as key_case,
          (select k.result from commands k where k.key = ${key}) as key_result,
          (select k.fingerprint from commands k where k.key = ${key}) as key_fingerprint`;
  const timerColumns =
    timerId === null
      ? sql`false as timer_exists, null as timer_fired`
      : sql`exists (select 1 from timers t where t.case_id = ${caseId} and t.timer_id = ${timerId}) as timer_exists,
          (select t.fired_at from timers t where t.case_id = ${caseId} and t.timer_id = ${timerId}) as timer_fired`;
  const [row] = await store.query<LoadedRow>(
    sql`select c.definition_hash, c.snapshot, c.version, c.last_seq, c.last_hash, ${keyColumns}, ${timerColumns}
      from (select 1) as one left join cases c on c.id = ${caseId}`,
  );
  if (row === undefined) throw new StoreProtocolError('loading a case returned no row', caseId);
  return row;
}

/** The case head a loaded row holds, or null when there is no such case. */
export function headOf(row: LoadedRow): CaseHead | null {
  if (row.snapshot === null || row.version === null || row.definition_hash === null) return null;
  return {
    definitionHash: row.definition_hash,
    snapshot: row.snapshot,
    version: row.version,
    lastSeq: row.last_seq ?? 0,
    lastHash: row.last_hash ?? GENESIS_HASH,
    openTasks: null,
  };
}
