import type { CompiledDefinition } from '../compile/compile.js';
import { TongbanError } from '../errors.js';
import type { Instant } from '../model/time.js';
import type { CaseEvent } from './events.js';
import type { CaseSnapshot } from './snapshot.js';
import { type StepApplied, step } from './step.js';
import { snapshotTasks } from './stored-context.js';
import type { Command, JsonValue, StartCommand, TaskRecord, TimerRecord, Variables } from './types.js';

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
export class MemoryRuntime {
  private readonly definitions = new Map<string, CompiledDefinition>();
  private readonly cases = new Map<string, { definitionHash: string; json: string; events: CaseEvent[] }>();
  private readonly timers = new Map<string, { caseId: string; timer: TimerRecord }>();
  private readonly listeners = new Set<(event: CaseEvent) => void>();
  private readonly handlers = new Map<string, ServiceHandler>();
  private readonly clock: () => Instant;

  constructor(options: MemoryRuntimeOptions = {}) {
    this.clock = options.clock ?? (() => Date.now());
    for (const [name, handler] of Object.entries(options.handlers ?? {})) this.handlers.set(name, handler);
  }

  /** Makes a definition available to new cases; returns its hash. */
  deploy(definition: CompiledDefinition): string {
    this.definitions.set(definition.hash, definition);
    return definition.hash;
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
  async start(definitionHash: string, command: Omit<StartCommand, 'type'>): Promise<StepApplied> {
    const definition = this.definitions.get(definitionHash);
    if (!definition) {
      throw new RuntimeLookupError(
        'UNKNOWN_DEFINITION',
        `No definition ${definitionHash} is deployed: deploy it first.`,
      );
    }
    return this.apply(definition, null, { type: 'start', ...command });
  }

  /** Applies a command to a running case. Refused commands throw their typed error. */
  async execute(caseId: string, command: Exclude<Command, StartCommand>): Promise<StepApplied> {
    const entry = this.entry(caseId);
    return this.apply(entry.definition, entry.snapshot, command);
  }

  /** The case as last persisted. */
  snapshot(caseId: string): CaseSnapshot {
    return this.entry(caseId).snapshot;
  }

  /** Open tasks of a case (user and service). */
  openTasks(caseId: string): TaskRecord[] {
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
    const definition = this.definitions.get(stored.definitionHash);
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
  ): Promise<StepApplied> {
    const result = step(definition, snapshot, command, at);
    if (!result.ok) throw result.error;
    const caseId = result.snapshot.caseId;
    const events = this.cases.get(caseId)?.events ?? [];
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
    return result;
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

function timerKey(caseId: string, timerId: string): string {
  return `${caseId}\u0000${timerId}`;
}
