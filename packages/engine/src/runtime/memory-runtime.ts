import type { CompiledDefinition } from '../compile/compile.js';
import { TongbanError } from '../errors.js';
import type { TaskRecord, TimerRecord } from '../model/case.js';
import type { CaseEvent } from '../model/events.js';
import type { JsonValue, Variables } from '../model/json.js';
import type { CaseSnapshot } from '../model/snapshot.js';
import type { Instant } from '../model/time.js';
import type {
  CaseCommand,
  CaseOutcome,
  CaseRuntime,
  DeployedDefinition,
  StartInput,
} from './case-runtime.js';
import {
  type CasePage,
  type CaseQuery,
  type CaseSummary,
  caseMatches,
  compareCases,
  normalizeCaseQuery,
} from './case-search.js';
import { type StepApplied, step } from './step.js';
import { snapshotTasks } from './stored-context.js';
import type { Command } from './types.js';
import {
  compareWorklist,
  normalizeWorklistQuery,
  onWorklist,
  type WorklistItem,
  type WorklistPage,
  type WorklistQuery,
  worklistLight,
} from './worklist.js';

/** A host function behind a service task: gets the case variables, returns variables to merge. */
export type ServiceHandler = (input: {
  readonly caseId: string;
  readonly taskId: string;
  readonly elementId: string;
  readonly variables: Readonly<Variables>;
}) => Variables | undefined | Promise<Variables | undefined>;

/** A host-side failure with a BPMN error code, caught by an error boundary event. */
export class ServiceHandlerError extends TongbanError {
  readonly code = 'SERVICE_ERROR';
  constructor(
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

/** The runtime could not find what a call named. */
export class RuntimeLookupError extends TongbanError {
  readonly code: 'UNKNOWN_CASE' | 'UNKNOWN_DEFINITION' | 'NO_HANDLER';
  constructor(
    code: RuntimeLookupError['code'],
    message: string,
    where: { caseId?: string; elementId?: string } = {},
  ) {
    super(message, where);
    this.code = code;
  }
}

export interface MemoryRuntimeOptions {
  /** Where "now" comes from. Default `Date.now`; tests and simulations pass a manual clock. */
  readonly clock?: () => Instant;
  /** Host handlers for service tasks, by handler name. */
  readonly handlers?: Readonly<Record<string, ServiceHandler>>;
}

/**
 * What an applied command did in memory: the {@link CaseOutcome} every runtime returns, plus the
 * step's snapshot and timer changes; `events` are the full engine events, each with its `seq`.
 */
export type MemoryOutcome = Omit<StepApplied, 'events'> &
  CaseOutcome & { readonly events: readonly (CaseEvent & { readonly seq: number })[] };

interface Entry {
  definition: CompiledDefinition;
  snapshot: CaseSnapshot;
  events: CaseEvent[];
}

/**
 * Cases in memory: a `Map` of snapshots plus an in-process timer queue, on the pure `step`. For
 * embedding without a database, for tests and for `tongban simulate`. Not durable: a restart loses
 * everything (use `@tongban/adapters` for that). Snapshots are kept as JSON text between commands,
 * exactly as a store would keep them.
 */
export class MemoryRuntime implements CaseRuntime {
  private readonly deployed = new Map<string, { definition: CompiledDefinition; deployedAt: Instant }>();
  private readonly cases = new Map<string, { definitionHash: string; json: string; events: CaseEvent[] }>();
  private readonly timers = new Map<string, { caseId: string; timer: TimerRecord }>();
  private readonly listeners = new Set<(event: CaseEvent) => void>();
  private readonly handlers = new Map<string, ServiceHandler>();
  private readonly clock: () => Instant;

  constructor(options: MemoryRuntimeOptions = {}) {
    this.clock = options.clock ?? (() => Date.now());
    for (const [name, handler] of Object.entries(options.handlers ?? {})) this.handlers.set(name, handler);
  }

  /**
   * Makes a definition available to new cases (idempotent); resolves with its hash. The definition
   * is usable as soon as the call returns, before the promise settles.
   */
  async deploy(definition: CompiledDefinition): Promise<string> {
    if (!this.deployed.has(definition.hash))
      this.deployed.set(definition.hash, { definition, deployedAt: this.clock() });
    return definition.hash;
  }

  /** Every deployed version, by process id then version. */
  async definitions(): Promise<readonly DeployedDefinition[]> {
    const versions = new Map<string, number>();
    const all: DeployedDefinition[] = [];
    for (const [hash, { definition, deployedAt }] of this.deployed) {
      const version = (versions.get(definition.processId) ?? 0) + 1;
      versions.set(definition.processId, version);
      all.push({ processId: definition.processId, hash, version, deployedAt });
    }
    return all.sort((a, b) => compareText(a.processId, b.processId) || a.version - b.version);
  }

  /** The latest deployed version of a process, or null when none is deployed. */
  async latest(processId: string): Promise<DeployedDefinition | null> {
    const versions = (await this.definitions()).filter((d) => d.processId === processId);
    return versions[versions.length - 1] ?? null;
  }

  /** Registers (or replaces) the host handler for service tasks naming `name`. */
  registerHandler(name: string, handler: ServiceHandler): void {
    this.handlers.set(name, handler);
  }

  /** Calls `listener` with every event of every case, in order. Returns an unsubscribe function. */
  subscribe(listener: (event: CaseEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** 受理: starts a case on a deployed definition. */
  async start(definitionHash: string, command: StartInput): Promise<MemoryOutcome> {
    const definition = this.deployed.get(definitionHash)?.definition;
    if (!definition) {
      throw new RuntimeLookupError(
        'UNKNOWN_DEFINITION',
        `No definition ${definitionHash} is deployed: deploy it first.`,
      );
    }
    return this.apply(definition, null, { ...command, type: 'start' });
  }

  /** 受理: starts a case on the latest deployed version of the process with this BPMN id. */
  async startLatest(processId: string, command: StartInput): Promise<MemoryOutcome> {
    const latest = await this.latest(processId);
    if (!latest) {
      throw new RuntimeLookupError(
        'UNKNOWN_DEFINITION',
        `No version of process ${processId} is deployed: deploy it first.`,
      );
    }
    return this.start(latest.hash, command);
  }

  /** Applies a command to a running case. Refused commands throw their typed error. */
  async execute(caseId: string, command: CaseCommand): Promise<MemoryOutcome> {
    const entry = this.entry(caseId);
    return this.apply(entry.definition, entry.snapshot, command);
  }

  /** The case as last persisted. */
  snapshot(caseId: string): CaseSnapshot {
    return this.entry(caseId).snapshot;
  }

  /** Open tasks of a case (user and service). */
  async openTasks(caseId: string): Promise<TaskRecord[]> {
    return this.openTasksNow(caseId);
  }

  /** 待办: open user tasks of a department and/or a person across cases, most urgent first by default. */
  async worklist(query: WorklistQuery): Promise<WorklistPage> {
    const normalized = normalizeWorklistQuery(query);
    const items: WorklistItem[] = [];
    for (const caseId of this.cases.keys()) {
      const { definition, snapshot } = this.entry(caseId);
      const matterCode = definition.matter?.code ?? null;
      const { lights } = snapshot.machine.context;
      for (const task of snapshotTasks(snapshot)) {
        const light = worklistLight(lights, task.id, snapshot.light);
        const item: WorklistItem = { caseId, matterCode, ...light, caseDueAt: snapshot.dueAt, task };
        if (onWorklist(item, normalized)) items.push(item);
      }
    }
    items.sort(compareWorklist(normalized.sort));
    return {
      items: items.slice(normalized.offset, normalized.offset + normalized.limit),
      total: items.length,
    };
  }

  /** 办件查询: cases by status, matter, light, department and received date, newest first, paged. */
  async searchCases(query: CaseQuery): Promise<CasePage> {
    const normalized = normalizeCaseQuery(query);
    const found: CaseSummary[] = [];
    for (const caseId of this.cases.keys()) {
      const { definition, snapshot } = this.entry(caseId);
      const summary: CaseSummary = {
        caseId,
        processId: definition.processId,
        definitionHash: definition.hash,
        matterCode: definition.matter?.code ?? null,
        status: snapshot.status,
        light: snapshot.light,
        dueAt: snapshot.dueAt,
        receivedAt: snapshot.startedAt,
      };
      const departments = snapshotTasks(snapshot).map((task) => task.department);
      if (caseMatches(summary, departments, normalized)) found.push(summary);
    }
    found.sort(compareCases);
    return {
      items: found.slice(normalized.offset, normalized.offset + normalized.limit),
      total: found.length,
    };
  }

  /** Open tasks of a case, synchronously (for hosts that cannot await, e.g. a UI render). */
  openTasksNow(caseId: string): TaskRecord[] {
    return snapshotTasks(this.entry(caseId).snapshot);
  }

  /** The case's events so far, in order. */
  events(caseId: string): readonly CaseEvent[] {
    return this.cases.get(caseId)?.events ?? [];
  }

  /** Timers set and not yet fired, earliest first. */
  pendingTimers(): { caseId: string; timer: TimerRecord }[] {
    return [...this.timers.values()].sort(
      (a, b) => a.timer.dueAt - b.timer.dueAt || a.timer.id.localeCompare(b.timer.id),
    );
  }

  /**
   * Fires every timer due by `until` (default: the clock's now), earliest first, each at its own
   * due instant (or, when a later command of its case came first, at that command's instant),
   * including timers that those firings set. Returns how many fired.
   */
  async runDueTimers(until: Instant = this.clock()): Promise<number> {
    let fired = 0;
    for (;;) {
      const next = this.pendingTimers()[0];
      if (!next || next.timer.dueAt > until) return fired;
      this.timers.delete(timerKey(next.caseId, next.timer.id));
      const entry = this.cases.get(next.caseId);
      if (!entry) continue;
      const { definition, snapshot } = this.entry(next.caseId);
      // A timer overtaken by a later command of its case (the clock moved on before timers ran)
      // fires at that command's instant: a case's time never runs backwards.
      const at = Math.max(next.timer.dueAt, snapshot.updatedAt ?? snapshot.startedAt);
      await this.apply(definition, snapshot, { type: 'fireTimer', timerId: next.timer.id }, at);
      fired += 1;
    }
  }

  private entry(caseId: string): Entry {
    const stored = this.cases.get(caseId);
    if (!stored)
      throw new RuntimeLookupError('UNKNOWN_CASE', `No case ${caseId} in this runtime.`, { caseId });
    const definition = this.deployed.get(stored.definitionHash)?.definition;
    if (!definition) {
      throw new RuntimeLookupError(
        'UNKNOWN_DEFINITION',
        `Case ${caseId} runs on definition ${stored.definitionHash}, which is not deployed.`,
        {
          caseId,
        },
      );
    }
    return { definition, snapshot: JSON.parse(stored.json) as CaseSnapshot, events: stored.events };
  }

  private async apply(
    definition: CompiledDefinition,
    snapshot: CaseSnapshot | null,
    command: Command,
    at: Instant = this.clock(),
  ): Promise<MemoryOutcome> {
    const result = step(definition, snapshot, command, at);
    if (!result.ok) throw result.error;
    const caseId = result.snapshot.caseId;
    const events = this.cases.get(caseId)?.events ?? [];
    const first = events.length + 1;
    events.push(...result.events);
    this.cases.set(caseId, {
      definitionHash: definition.hash,
      json: JSON.stringify(result.snapshot),
      events,
    });
    for (const id of result.timers.cancel) this.timers.delete(timerKey(caseId, id));
    for (const timer of result.timers.set) this.timers.set(timerKey(caseId, timer.id), { caseId, timer });
    for (const event of result.events) for (const listener of this.listeners) listener(event);
    await this.callHandlers(result, at);
    return {
      ...result,
      caseId,
      status: result.snapshot.status,
      light: result.snapshot.light,
      dueAt: result.snapshot.dueAt,
      events: result.events.map((event, i) => ({ ...event, seq: first + i })),
    };
  }

  /** Service tasks opened by a command are handed to their host handlers, at the same instant. */
  private async callHandlers(result: StepApplied, at: Instant): Promise<void> {
    const requested = result.events.filter((e) => e.type === 'service.requested');
    for (const event of requested) {
      const task = result.openTasks.find((t) => t.id === event.taskId);
      if (!task || task.handler === null) continue;
      const handler = this.handlers.get(task.handler);
      if (!handler) continue; // left open: the host may complete it later with completeService
      const { definition, snapshot } = this.entry(result.snapshot.caseId);
      if (snapshot.status !== 'running' || !snapshot.machine.context.tasks[task.id]) continue;
      let command: Command;
      try {
        const variables = await handler({
          caseId: snapshot.caseId,
          taskId: task.id,
          elementId: task.elementId,
          variables: snapshot.machine.context.vars as Record<string, JsonValue>,
        });
        command = { type: 'completeService', taskId: task.id, ...(variables ? { variables } : {}) };
      } catch (error) {
        const code = error instanceof ServiceHandlerError ? error.errorCode : 'SERVICE_FAILED';
        const message = error instanceof Error ? error.message : String(error);
        command = { type: 'failService', taskId: task.id, errorCode: code, message };
      }
      await this.apply(definition, snapshot, command, at);
    }
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function timerKey(caseId: string, timerId: string): string {
  return `${caseId}\u0000${timerId}`;
}
