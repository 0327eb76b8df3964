import { TongbanError } from '../errors.js';
import type { TaskRecord } from '../model/case.js';
import type { Light } from '../model/snapshot.js';
import type { Instant } from '../model/time.js';
import { checkedPage, oneOrMany } from './paging.js';

/** How a worklist is ordered. */
export type WorklistSort =
  /** Most urgent first (default): red cases, then yellow, then green; then the nearest task deadline. */
  | 'urgency'
  /** Nearest task deadline first (tasks without one last). */
  | 'due'
  /** Oldest task first. */
  | 'opened';

/** 待办: which open user tasks to list. Give a department, a person, or both. */
export interface WorklistQuery {
  /** The department that must act: its open tasks across cases. */
  readonly department?: string;
  /** A person: tasks they claimed (签收), were delegated (委派) or were assigned as handler. */
  readonly person?: string;
  /** Only tasks whose light (their own clock's, else their case's: see {@link WorklistItem}) is one of these. */
  readonly light?: Light | readonly Light[];
  /** Only tasks due at or before this instant (tasks without a deadline are left out). */
  readonly dueBefore?: Instant;
  /** Only cases of this matter (事项编码). */
  readonly matterCode?: string;
  /** Default `urgency`. */
  readonly sort?: WorklistSort;
  /** Page size, 1 to {@link MAX_WORKLIST_LIMIT} (default 50). */
  readonly limit?: number;
  /** Items to skip (default 0). */
  readonly offset?: number;
}

/**
 * Where a worklist row's light comes from: `task`, the task's own clock (its limit, 环节时限);
 * `case`, the case's clock, because the task has none.
 */
export type WorklistLightSource = 'task' | 'case';

/** One open task on a worklist, with what its clocks say about urgency. */
export interface WorklistItem {
  readonly caseId: string;
  readonly matterCode: string | null;
  /**
   * The task's light: its own clock's (a co-handler late on its 7 days is red while the case is
   * still green), else the case's; null when neither has a time limit. {@link lightFrom} says which.
   */
  readonly light: Light | null;
  /** Whether {@link light} is the task's own clock light or, for a task without a clock, the case's. */
  readonly lightFrom: WorklistLightSource;
  /** The case's light (null when its matter has no time limit). */
  readonly caseLight: Light | null;
  /** The case's deadline. */
  readonly caseDueAt: Instant | null;
  readonly task: TaskRecord;
}

/** One page of a worklist. */
export interface WorklistPage {
  readonly items: readonly WorklistItem[];
  /** How many tasks match the query in all. */
  readonly total: number;
}

/** Largest page a worklist returns. */
export const MAX_WORKLIST_LIMIT = 500;

/** A worklist query that cannot be answered as given. */
export class WorklistQueryError extends TongbanError {
  readonly code = 'BAD_WORKLIST_QUERY';
}

/** A worklist query with its defaults filled in. */
export interface NormalizedWorklistQuery extends WorklistQuery {
  readonly sort: WorklistSort;
  readonly limit: number;
  readonly offset: number;
  readonly lights: readonly Light[] | null;
}

/** The query with defaults filled in and checked; throws {@link WorklistQueryError}. */
export function normalizeWorklistQuery(query: WorklistQuery): NormalizedWorklistQuery {
  if (query.department === undefined && query.person === undefined)
    throw new WorklistQueryError('a worklist needs a department, a person, or both');
  const { limit, offset } = checkedPage(query, MAX_WORKLIST_LIMIT, (m) => new WorklistQueryError(m));
  const sort = query.sort ?? 'urgency';
  if (sort !== 'urgency' && sort !== 'due' && sort !== 'opened')
    throw new WorklistQueryError(`sort must be urgency, due or opened, not ${String(sort)}`);
  return { ...query, sort, limit, offset, lights: oneOrMany(query.light) };
}

/** Whether `person` holds the task: claimed it, was delegated it, or is among its assigned handlers. */
export function heldBy(task: TaskRecord, person: string): boolean {
  return (
    task.claimedBy === person ||
    task.delegatedTo === person ||
    (task.handlers ?? []).some((handler) => handler.id === person)
  );
}

/**
 * A worklist row's light: the task's clock light under `lights[taskId]` (task clocks are keyed by
 * task id), else the case's light.
 */
export function worklistLight(
  lights: Readonly<Record<string, Light>>,
  taskId: string,
  caseLight: Light | null,
): Pick<WorklistItem, 'light' | 'lightFrom' | 'caseLight'> {
  const own = Object.hasOwn(lights, taskId) ? lights[taskId] : undefined;
  return own === undefined
    ? { light: caseLight, lightFrom: 'case', caseLight }
    : { light: own, lightFrom: 'task', caseLight };
}

/** Whether an open task belongs on the worklist (the case-level filters are the caller's). */
export function onWorklist(item: WorklistItem, query: NormalizedWorklistQuery): boolean {
  const { task } = item;
  if (task.kind !== 'user') return false;
  if (query.department !== undefined && task.department !== query.department) return false;
  if (query.person !== undefined && !heldBy(task, query.person)) return false;
  const { lights } = query;
  if (lights !== null && (item.light === null || !lights.includes(item.light))) return false;
  if (query.dueBefore !== undefined && (task.dueAt === null || task.dueAt > query.dueBefore)) return false;
  if (query.matterCode !== undefined && item.matterCode !== query.matterCode) return false;
  return true;
}

/** Rank of a light for "most urgent first": red 0, yellow 1, green 2, none 3. */
export function lightRank(light: Light | null): number {
  return light === 'red' ? 0 : light === 'yellow' ? 1 : light === 'green' ? 2 : 3;
}

const NO_DUE = Number.MAX_SAFE_INTEGER;

/** The worklist order: by `sort`, then case and task id so that pages never overlap. */
export function compareWorklist(sort: WorklistSort): (a: WorklistItem, b: WorklistItem) => number {
  const due = (item: WorklistItem) => item.task.dueAt ?? NO_DUE;
  const tie = (a: WorklistItem, b: WorklistItem) =>
    a.task.openedAt - b.task.openedAt || text(a.caseId, b.caseId) || text(a.task.id, b.task.id);
  if (sort === 'opened') return tie;
  if (sort === 'due') return (a, b) => due(a) - due(b) || tie(a, b);
  return (a, b) => lightRank(a.light) - lightRank(b.light) || due(a) - due(b) || tie(a, b);
}

function text(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
