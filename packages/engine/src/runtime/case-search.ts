import { TongbanError } from '../errors.js';
import type { CaseStatus } from '../model/case.js';
import type { Light } from '../model/snapshot.js';
import type { Instant } from '../model/time.js';
import { checkedPage, oneOrMany } from './paging.js';

/** 办件查询: which cases to find. Every filter given must hold. */
export interface CaseQuery {
  readonly status?: CaseStatus | readonly CaseStatus[];
  /** 事项编码. */
  readonly matterCode?: string;
  readonly light?: Light | readonly Light[];
  /** Cases with an open task of this department. */
  readonly department?: string;
  /** Received (受理/收件) at or after this instant. */
  readonly receivedFrom?: Instant;
  /** Received before this instant (exclusive). */
  readonly receivedTo?: Instant;
  /** Page size, 1 to {@link MAX_CASE_PAGE} (default 50). */
  readonly limit?: number;
  /** Cases to skip (default 0). */
  readonly offset?: number;
}

/** One case found. */
export interface CaseSummary {
  readonly caseId: string;
  readonly processId: string;
  readonly definitionHash: string;
  readonly matterCode: string | null;
  readonly status: CaseStatus;
  readonly light: Light | null;
  readonly dueAt: Instant | null;
  readonly receivedAt: Instant;
}

/** One page of cases, newest received first (then by case id), with the total number found. */
export interface CasePage {
  readonly items: readonly CaseSummary[];
  readonly total: number;
}

/** Largest page a case search returns. */
export const MAX_CASE_PAGE = 500;

/** A case search that cannot be answered as given. */
export class CaseQueryError extends TongbanError {
  readonly code = 'BAD_CASE_QUERY';
}

/** A case query with its lists and defaults filled in. */
export interface NormalizedCaseQuery extends CaseQuery {
  readonly statuses: readonly CaseStatus[] | null;
  readonly lights: readonly Light[] | null;
  readonly limit: number;
  readonly offset: number;
}

/** Checks a case query and fills in its defaults; throws {@link CaseQueryError}. */
export function normalizeCaseQuery(query: CaseQuery): NormalizedCaseQuery {
  const { limit, offset } = checkedPage(query, MAX_CASE_PAGE, (m) => new CaseQueryError(m));
  if (
    query.receivedFrom !== undefined &&
    query.receivedTo !== undefined &&
    query.receivedTo < query.receivedFrom
  )
    throw new CaseQueryError('receivedTo is before receivedFrom');
  return { ...query, statuses: oneOrMany(query.status), lights: oneOrMany(query.light), limit, offset };
}

/** Whether a case matches the query (`openDepartments`: departments with an open task in it). */
export function caseMatches(
  summary: CaseSummary,
  openDepartments: readonly (string | null)[],
  query: NormalizedCaseQuery,
): boolean {
  if (query.statuses !== null && !query.statuses.includes(summary.status)) return false;
  if (query.lights !== null && (summary.light === null || !query.lights.includes(summary.light)))
    return false;
  if (query.matterCode !== undefined && summary.matterCode !== query.matterCode) return false;
  if (query.department !== undefined && !openDepartments.includes(query.department)) return false;
  if (query.receivedFrom !== undefined && summary.receivedAt < query.receivedFrom) return false;
  if (query.receivedTo !== undefined && summary.receivedAt >= query.receivedTo) return false;
  return true;
}

/** Newest received first, then case id. */
export function compareCases(a: CaseSummary, b: CaseSummary): number {
  return b.receivedAt - a.receivedAt || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0);
}
