import type { DurableRuntime } from '@tongban/adapters';
import { sql } from 'drizzle-orm';
import { HttpProblem } from '../http/problem.js';
import { type Principal, readsEverything } from './principal.js';

/**
 * Whether the caller may read the case: supervisors and administrators read every case; staff and
 * officers the cases their department takes part in (it has or had a task there) and the cases
 * they accepted themselves.
 */
export async function maySeeCase(
  runtime: DurableRuntime,
  principal: Principal,
  caseId: string,
): Promise<boolean> {
  if (readsEverything(principal)) return true;
  if (principal.department === null) return false;
  const rows = await runtime.store.query<{ ok: number }>(
    sql`select 1 as ok where exists (select 1 from tasks t where t.case_id = ${caseId} and t.department = ${principal.department})
      or exists (select 1 from events e where e.case_id = ${caseId} and e.type = 'case.started' and e.payload #>> '{data,actor}' = ${principal.id})`,
  );
  return rows.length > 0;
}

/**
 * Refuses a case the caller may not read exactly as an unknown case (404 `NO_CASE`): whether a case
 * exists is itself not theirs to learn.
 */
export async function assertMaySeeCase(
  runtime: DurableRuntime,
  principal: Principal,
  caseId: string,
): Promise<void> {
  if (!(await maySeeCase(runtime, principal, caseId))) throw noCase(caseId);
}

export function noCase(caseId: string): HttpProblem {
  return new HttpProblem('NO_CASE', `case ${caseId} does not exist or is not yours to see`, { caseId });
}
