import type { CompiledDefinition } from '../compile/compile.js';
import type { TaskRecord } from '../model/case.js';
import type { CaseSnapshot } from '../model/snapshot.js';
import type { Instant } from '../model/time.js';
import type { CasePage, CaseQuery } from './case-search.js';
import type { Command, StartCommand } from './types.js';
import type { WorklistPage, WorklistQuery } from './worklist.js';

/** What `start` takes: a start command, with or without its `type`. */
export type StartInput = Omit<StartCommand, 'type'> & { readonly type?: 'start' };

/** Any command on a running case (everything but `start`). */
export type CaseCommand = Exclude<Command, StartCommand>;

/** What an applied command did, the same on every {@link CaseRuntime}. */
export interface CaseOutcome {
  readonly caseId: string;
  readonly status: CaseSnapshot['status'];
  readonly light: CaseSnapshot['light'];
  /** The case's deadline, when it has one. */
  readonly dueAt: Instant | null;
  /** The events this command appended, in order, each with its sequence number in the case. */
  readonly events: readonly { readonly seq: number; readonly type: string }[];
  /** Every task open after the command, user and service. */
  readonly openTasks: readonly TaskRecord[];
}

/** One deployed version of a process. */
export interface DeployedDefinition {
  /** The BPMN process id. */
  readonly processId: string;
  /** The content hash cases started on this version keep for their whole life. */
  readonly hash: string;
  /** 1 for the first version of the process deployed, then 2, 3 …; the highest is the latest. */
  readonly version: number;
  /** When the version was first deployed (epoch milliseconds). */
  readonly deployedAt: Instant;
}

/**
 * The one API of a case runtime, implemented by the engine's `MemoryRuntime` and the adapters'
 * `DurableRuntime`: code written against it runs unchanged on either. Every method is async.
 * Lookups that fail throw typed errors (`UNKNOWN_DEFINITION`, `UNKNOWN_CASE` in memory; the
 * adapters' `NO_DEFINITION`, `NO_CASE`); refused commands throw the engine's
 * `CommandError`.
 */
export interface CaseRuntime {
  /** Makes a definition available to new cases (idempotent); resolves with its hash. */
  deploy(definition: CompiledDefinition): Promise<string>;
  /** Every deployed version, by process id then version. */
  definitions(): Promise<readonly DeployedDefinition[]>;
  /** The latest deployed version of a process, or null when none is deployed. */
  latest(processId: string): Promise<DeployedDefinition | null>;
  /** 受理: starts a case on the deployed definition with this hash. */
  start(definitionHash: string, command: StartInput): Promise<CaseOutcome>;
  /** 受理: starts a case on the latest deployed version of the process with this BPMN id. */
  startLatest(processId: string, command: StartInput): Promise<CaseOutcome>;
  /** Applies a command to a running case. */
  execute(caseId: string, command: CaseCommand): Promise<CaseOutcome>;
  /** The case's open tasks (user and service), as the engine records them. */
  openTasks(caseId: string): Promise<readonly TaskRecord[]>;
  /**
   * 待办: open user tasks of a department and/or a person across cases, filtered and paged, most
   * urgent first by default. Throws `BAD_WORKLIST_QUERY` for a query it cannot answer.
   */
  worklist(query: WorklistQuery): Promise<WorklistPage>;
  /** 办件查询: cases by status, matter, light, department and received date, newest first, paged. */
  searchCases(query: CaseQuery): Promise<CasePage>;
}
