import {
  type CaseEvent,
  type CaseSnapshot,
  type CompiledDefinition,
  type Instant,
  MemoryRuntime,
  type TaskRecord,
  type TimerRecord,
} from '@tongban/engine';

/**
 * A case played by hand on the engine's own in-memory runtime, with a simulated clock: what the
 * 试运行 tab drives. Every action goes through the engine's `step`; a refusal comes back as the
 * engine's typed error, never as a silent no-op.
 */
export class DryRun {
  readonly caseId = 'dry-run-1';
  readonly #runtime: MemoryRuntime;
  #now: Instant;
  #started = false;

  constructor(
    readonly definition: CompiledDefinition,
    acceptedAt: Instant,
  ) {
    this.#now = acceptedAt;
    this.#runtime = new MemoryRuntime({ clock: () => this.#now });
    this.#runtime.deploy(definition);
  }

  get now(): Instant {
    return this.#now;
  }

  get started(): boolean {
    return this.#started;
  }

  /** 受理: starts the case now, naming the co-handling departments when the model reads them. */
  async start(coDepartments: readonly string[] = []): Promise<void> {
    await this.#runtime.start(this.definition.hash, {
      caseId: this.caseId,
      ...(coDepartments.length > 0 ? { coDepartments } : {}),
      actor: { id: 'designer', kind: 'staff' },
    });
    this.#started = true;
  }

  /** The task's department completes it with an outcome (e.g. `approve`, `reject`, `return`). */
  async complete(task: TaskRecord, outcome: string): Promise<void> {
    if (task.kind === 'service') {
      await this.#runtime.execute(this.caseId, { type: 'completeService', taskId: task.id });
      return;
    }
    await this.#runtime.execute(this.caseId, {
      type: 'completeTask',
      taskId: task.id,
      department: task.department ?? '',
      outcome,
      actor: { id: 'designer', department: task.department ?? '', kind: 'staff' },
    });
  }

  /** A message arrives (e.g. 补正材料 supplied by the applicant). */
  async message(name: string): Promise<void> {
    await this.#runtime.execute(this.caseId, {
      type: 'message',
      name,
      actor: { id: 'applicant', kind: 'applicant' },
    });
  }

  /** Lets time pass to `instant`, firing every timer (BPMN timers and light changes) due by then. */
  async advanceTo(instant: Instant): Promise<void> {
    if (instant < this.#now) return;
    if (this.#started) await this.#runtime.runDueTimers(instant);
    this.#now = instant;
  }

  snapshot(): CaseSnapshot | null {
    return this.#started ? this.#runtime.snapshot(this.caseId) : null;
  }

  openTasks(): TaskRecord[] {
    return this.#started ? this.#runtime.openTasksNow(this.caseId) : [];
  }

  events(): readonly CaseEvent[] {
    return this.#started ? this.#runtime.events(this.caseId) : [];
  }

  /** Timers still to fire, soonest first. */
  pendingTimers(): TimerRecord[] {
    return this.#runtime
      .pendingTimers()
      .filter((t) => t.caseId === this.caseId)
      .map((t) => t.timer)
      .sort((a, b) => a.dueAt - b.dueAt);
  }

  /** Message names the model waits for somewhere (message catch events and boundaries). */
  messageNames(): string[] {
    return [...new Set(Object.values(this.definition.model.messages))].sort();
  }
}
