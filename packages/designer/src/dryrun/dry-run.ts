import {
  type CaseCommand,
  type CaseEvent,
  type CaseSnapshot,
  type CompiledDefinition,
  type Instant,
  MemoryRuntime,
  type Scope,
  type SequenceFlow,
  type TaskRecord,
  type TimerRecord,
  type Variables,
} from '@tongban/engine';
import { actorFor } from './operations.js';

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
  async start(coDepartments: readonly string[] = [], variables: Variables = {}): Promise<void> {
    await this.#runtime.start(this.definition.hash, {
      caseId: this.caseId,
      ...(coDepartments.length > 0 ? { coDepartments } : {}),
      ...(Object.keys(variables).length > 0 ? { variables } : {}),
      actor: { id: 'designer', kind: 'staff' },
    });
    this.#started = true;
  }

  /** The task's department completes it with an outcome (e.g. `approve`, `reject`, `return`). */
  async complete(task: TaskRecord, outcome: string, variables: Variables = {}): Promise<void> {
    const vars = Object.keys(variables).length > 0 ? { variables } : {};
    if (task.kind === 'service') {
      await this.#runtime.execute(this.caseId, { type: 'completeService', taskId: task.id, ...vars });
      return;
    }
    await this.#runtime.execute(this.caseId, {
      type: 'completeTask',
      taskId: task.id,
      department: task.department ?? '',
      outcome,
      ...vars,
      actor: { id: 'designer', department: task.department ?? '', kind: 'staff' },
    });
  }

  /**
   * Any other command of the engine (驳回, 补正, 特别程序, 转办, 加签 …), sent as the actor the
   * engine's who-may table allows for it.
   */
  async execute(command: CaseCommand, task: TaskRecord | null = null): Promise<void> {
    const actor = actorFor(command, task, this.leadDepartment());
    await this.#runtime.execute(this.caseId, { ...command, ...(actor ? { actor } : {}) } as CaseCommand);
  }

  /** The first lead department of the model: who acts for commands only the lead may give. */
  leadDepartment(): string | null {
    for (const node of this.definition.nodes.values()) {
      if (node.kind === 'userTask' && node.role === 'lead' && node.department) return node.department;
    }
    return null;
  }

  /** The case variables as they stand. */
  variables(): Readonly<Variables> {
    const context = this.snapshot()?.machine.context as { vars?: Variables } | undefined;
    return context?.vars ?? {};
  }

  /** The light of a task's own clock, when it has one. */
  taskLight(taskId: string): 'green' | 'yellow' | 'red' | null {
    const context = this.snapshot()?.machine.context as { lights?: Record<string, string> } | undefined;
    const light = context?.lights?.[taskId];
    return light === 'green' || light === 'yellow' || light === 'red' ? light : null;
  }

  /**
   * The way the case went: elements it passed through and flows it took (every gateway's choice
   * from the engine's `gateway.taken` events, and the flow between two steps it passed).
   */
  path(): { nodes: Set<string>; flows: Set<string>; choices: Map<string, string> } {
    const nodes = new Set<string>();
    const choices = new Map<string, string>();
    if (!this.#started) return { nodes, flows: new Set(), choices };
    for (const event of this.events()) {
      if (!event.elementId) continue;
      nodes.add(event.elementId);
      const flow = event.data?.flow;
      if (event.type === 'gateway.taken' && typeof flow === 'string') choices.set(event.elementId, flow);
    }
    const all: SequenceFlow[] = [];
    const scopes: Scope[] = [this.definition.model.root];
    for (let scope = scopes.pop(); scope; scope = scopes.pop()) {
      all.push(...Object.values(scope.flows));
      for (const node of Object.values(scope.nodes)) {
        if (node.kind === 'startEvent' && scope === this.definition.model.root) nodes.add(node.id);
        if (node.kind === 'subProcess') scopes.push(node.scope);
      }
    }
    const flows = new Set<string>();
    for (const flow of all) if (choices.get(flow.source) === flow.id) nodes.add(flow.target);
    for (const flow of all) {
      const chose = choices.get(flow.source);
      if (chose !== undefined ? chose === flow.id : nodes.has(flow.source) && nodes.has(flow.target)) {
        flows.add(flow.id);
      }
    }
    return { nodes, flows, choices };
  }

  /** A message arrives (e.g. 补正材料 supplied by the applicant). */
  async message(name: string, variables: Variables = {}): Promise<void> {
    await this.#runtime.execute(this.caseId, {
      type: 'message',
      name,
      ...(Object.keys(variables).length > 0 ? { variables } : {}),
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
