import { type AnyStateMachine, createMachine, raise } from 'xstate';
import { evaluateCondition } from '../expr/index.js';
import type { TaskRecord } from '../model/case.js';
import type { CaseContext } from '../model/context.js';
import type { CaseEvent } from '../model/events.js';
import type { Variables } from '../model/json.js';
import type {
  BoundaryEventNode,
  FlowNode,
  GatewayNode,
  ProcessModel,
  Scope,
  SubProcessNode,
  UserTaskNode,
} from '../model/process.js';
import {
  blockKey,
  blockStateId,
  branchKey,
  nodeStateId,
  nodeTarget,
  ROOT_COMPLETED,
  ROOT_FAILED,
  ROOT_NO_FLOW,
  ROOT_REFUSED,
  ROOT_RETURNED,
  ROOT_TERMINATED,
  ROOT_WITHDRAWN,
  regionDoneId,
  regionDoneKey,
  stateKey,
  terminatedKey,
  terminatedStateId,
} from './state-ids.js';
import type { BlockPlan, RegionPlan } from './structure.js';

/** Events the compiled machine understands; `step` builds them from validated commands. */
export type MachineEvent =
  | { type: `complete:${string}`; taskId: string }
  | { type: `service:${string}`; taskId: string }
  | { type: `error:${string}`; code: string }
  | { type: `timer:${string}`; timerId: string }
  | { type: `message:${string}` }
  | { type: 'bpmn.error'; code: string; source: string }
  | { type: `jump:${string}` }
  | { type: `direct:${string}` }
  | { type: 'recall'; element: string; level: number }
  | { type: 'case.accept' | 'case.refuse' | 'case.return' | 'case.withdraw' };

/** Input of the initial transition: the `start` command's data. */
export interface MachineInput {
  caseId: string;
  now: number;
  vars: Variables;
  intake: 'accepted' | 'pending';
}

// xstate's config types are very generic; the builder works on plain objects and the machine is
// created once from them, so the structure below is typed loosely on purpose and checked by tests.
type StateConfig = Record<string, unknown>;
type Transition = Record<string, unknown>;

/** An action in the generated config; opaque to the builder. */
type Action = unknown;

function emit(context: CaseContext, event: Omit<CaseEvent, 'at' | 'caseId'>): void {
  context.out.push({ at: context.now, caseId: context.caseId, ...event });
}

/**
 * An action that edits the case context in place. The machine has no `assign`: xstate's pure
 * `transition()` returns custom actions instead of running them, and `step` runs them, in order,
 * on its private clone of the persisted context (see {@link runMachineActions}). That keeps the
 * statechart's transitions cheap (no snapshot copy per action) and the context plain JSON.
 */
function mutate(fn: (context: CaseContext) => void): Action {
  return mutateWith<unknown>((context) => fn(context));
}

function mutateWith<E>(fn: (context: CaseContext, event: E) => void): Action {
  return ({ context, event }: { context: CaseContext; event: E }) => fn(context, event);
}

/** The parts of an xstate executable action `step` needs. */
interface ExecutableAction {
  readonly type: string;
  readonly info: { readonly event: unknown };
  readonly params: unknown;
  readonly exec?: ((info: unknown, params: unknown) => void) | undefined;
}

/**
 * Runs the actions a pure transition returned, in order, against `context`. Built-in actions
 * (`xstate.*`, e.g. raise) were already applied by the transition itself.
 */
export function runMachineActions(actions: readonly unknown[], context: CaseContext): void {
  for (const action of actions as readonly ExecutableAction[]) {
    if (action.type.startsWith('xstate.') || typeof action.exec !== 'function') continue;
    action.exec({ ...action.info, context }, action.params);
  }
}

function raiseError(
  make: (event: { code: string }) => { type: 'bpmn.error'; code: string; source: string },
): Action {
  return raise((({ event }: { event: { code: string } }) => make(event)) as never);
}

function nextId(context: CaseContext, elementId: string): string {
  context.seq += 1;
  return `${elementId}#${context.seq}`;
}

/** Compiles an imported model whose structure plans are known into an xstate v5 machine. */
export class MachineBuilder {
  private readonly scopeOf = new Map<string, Scope>();
  private readonly subprocessDescendants = new Map<string, Set<string>>();

  constructor(
    private readonly model: ProcessModel,
    private readonly plans: ReadonlyMap<string, RegionPlan>,
  ) {
    const index = (scope: Scope): Set<string> => {
      const all = new Set<string>();
      for (const node of Object.values(scope.nodes)) {
        this.scopeOf.set(node.id, scope);
        all.add(node.id);
        if (node.kind === 'subProcess') {
          const inner = index(node.scope);
          this.subprocessDescendants.set(node.id, inner);
          for (const id of inner) all.add(id);
        }
      }
      return all;
    };
    index(model.root);
  }

  build(): AnyStateMachine {
    const root = this.model.root;
    const body = this.scopeState(root, ROOT_COMPLETED);
    const config = {
      id: 'case',
      // xstate's pure transition() builds a throw-away actor, which computes an initial snapshot
      // without input on every call. `idle` keeps that cheap: only a real start (with input)
      // moves on into the process body.
      initial: 'idle',
      context: ({ input }: { input: MachineInput | undefined }): CaseContext => ({
        caseId: input?.caseId ?? '',
        now: input?.now ?? 0,
        vars: input?.vars ?? {},
        tasks: {},
        timers: {},
        mi: {},
        seq: 0,
        out: [],
        clocks: {},
        lights: {},
        intake: input?.intake ?? 'accepted',
        suspended: null,
        supplement: null,
        returned: null,
        special: {},
        parkedTimers: {},
        trail: [],
        supervisions: {},
        noFlow: null,
        ending: null,
      }),
      states: {
        idle: {
          always: {
            guard: ({ context }: { context: CaseContext }) =>
              context.caseId !== '' && context.intake === 'accepted',
            target: 'body',
          },
        },
        body,
        [ROOT_COMPLETED]: {
          type: 'final',
          entry: mutate((c) => {
            c.ending = 'completed';
          }),
        },
        [ROOT_TERMINATED]: {
          id: terminatedStateId(root.id),
          type: 'final',
          entry: mutate((c) => {
            c.ending = 'terminated';
          }),
        },
        [ROOT_WITHDRAWN]: {
          type: 'final',
          entry: mutate((c) => {
            c.ending = 'withdrawn';
          }),
        },
        [ROOT_FAILED]: {
          type: 'final',
          entry: mutate((c) => {
            c.ending = 'failed';
          }),
        },
        [ROOT_NO_FLOW]: { type: 'final' },
        // Sent back to the applicant: nothing is open; `resubmit` jumps back into the body.
        [ROOT_RETURNED]: {},
        [ROOT_REFUSED]: {
          type: 'final',
          entry: mutate((c) => {
            c.ending = 'refused';
          }),
        },
      },
      on: {
        ...this.jumpTransitions(),
        'case.accept': { actions: [] },
        'case.refuse': { target: `.${ROOT_REFUSED}` },
        'case.return': { target: `.${ROOT_RETURNED}` },
        'case.withdraw': { target: `.${ROOT_WITHDRAWN}` },
        'bpmn.error': {
          target: `.${ROOT_FAILED}`,
          actions: mutateWith<{ code: string; source: string }>((c, e) =>
            emit(c, { type: 'case.failed', elementId: e.source, data: { errorCode: e.code } }),
          ),
        },
      },
    };
    // The config is generated, so xstate's inference has nothing to work on; behaviour is tested end to end.
    return createMachine(config as never);
  }

  /**
   * `jump:<element>` from anywhere to any step: 跳转, 退回 to a named step, resubmission. The
   * transition leaves every state that is not on the way to the target, so everything open
   * elsewhere is cancelled by its own exit actions.
   */
  private jumpTransitions(): Record<string, Transition> {
    const on: Record<string, Transition> = {};
    for (const [id, scope] of this.scopeOf) {
      const node = scope.nodes[id];
      if (!node || node.kind === 'boundaryEvent' || node.kind === 'startEvent' || node.kind === 'endEvent')
        continue;
      on[`jump:${id}`] = { target: nodeTarget(id) };
    }
    for (const plan of this.plans.values()) this.directReturns(plan, [], on);
    return on;
  }

  /**
   * `direct:<task>` for every user task inside parallel stages: back into the task with every
   * other branch of its stages already done (a resubmitted case returns straight to the
   * department that rejected it; the others' answers stand). One multi-target transition.
   */
  private directReturns(region: RegionPlan, others: readonly string[], on: Record<string, Transition>): void {
    for (const id of region.nodeIds) {
      const scope = this.scopeOf.get(id);
      if (others.length > 0 && scope?.nodes[id]?.kind === 'userTask') {
        on[`direct:${id}`] = { target: [nodeTarget(id), ...others] };
      }
    }
    for (const block of region.blocks) {
      block.branches.forEach((branch, k) => {
        const siblings = block.branches
          .map((_, j) => j)
          .filter((j) => j !== k)
          .map((j) => `#${regionDoneId(block.splitId, j + 1)}`);
        this.directReturns(branch.region, [...others, ...siblings], on);
      });
    }
  }

  /** The compound state for a process body or subprocess body. */
  private scopeState(scope: Scope, onDoneTarget: string | null): StateConfig {
    const plan = this.plans.get(scope.id);
    if (!plan) throw new Error(`internal: no structure plan for scope ${scope.id}`);
    const region = this.regionState(scope, plan, scope.id, 0);
    const states = region.states as Record<string, StateConfig>;
    if (scope !== this.model.root) {
      states[terminatedKey(scope.id)] = { id: terminatedStateId(scope.id), type: 'final' };
    }
    return onDoneTarget === null ? region : { ...region, onDone: { target: `#case.${onDoneTarget}` } };
  }

  /**
   * A compound state holding a region's nodes and blocks, plus its `done` final state. `depth`
   * counts the parallel stages around the region (0: a scope's top region; -1: a boundary's side
   * path, which takes no recall).
   */
  private regionState(
    scope: Scope,
    plan: RegionPlan,
    ownerId: string,
    index: number,
    depth = 0,
  ): StateConfig {
    const states: Record<string, StateConfig> = {};
    const doneId = regionDoneId(ownerId, index);
    const ctx: RegionCtx = { scope, plan, doneTarget: `#${doneId}`, depth };
    for (const id of plan.nodeIds) {
      const node = scope.nodes[id];
      if (!node || node.kind === 'boundaryEvent') continue;
      const block = plan.blocks.find((b) => b.splitId === id);
      states[stateKey(id)] = block
        ? this.blockEntryState(ctx, node as GatewayNode, block)
        : this.nodeState(ctx, node);
      if (block) states[blockKey(id)] = this.blockState(ctx, block);
    }
    states[regionDoneKey(index)] = { id: doneId, type: 'final' };
    const first = plan.nodeIds.find((id) => scope.nodes[id]?.kind !== 'boundaryEvent');
    const on = depth < 0 ? {} : this.recallTransitions(scope, plan, depth);
    return {
      initial: first === undefined ? regionDoneKey(index) : this.initialKey(ctx, first, index),
      states,
      ...(Object.keys(on).length > 0 ? { on } : {}),
    };
  }

  /**
   * 撤回: `{ type: 'recall', element, level }` on the region at depth `level`, for every user task
   * inside it: back into the task, leaving only this region (so the other branches of an enclosing
   * stage that is still open are not touched); the branches of the stages in between, which had
   * joined, are put back in their done state. Whatever the region had moved on to is exited,
   * cancelling its tasks. One event type, guarded by element: xstate scans every event type of every
   * active state on each event, so one key per region keeps ordinary steps as fast as before.
   */
  private recallTransitions(scope: Scope, plan: RegionPlan, depth: number): Record<string, Transition[]> {
    const transitions: Transition[] = [];
    const walk = (region: RegionPlan, siblings: readonly string[]): void => {
      for (const id of region.nodeIds) {
        if (scope.nodes[id]?.kind === 'userTask') {
          transitions.push({
            guard: ({ event }: { event: { element?: string; level?: number } }) =>
              event.element === id && event.level === depth,
            target: [nodeTarget(id), ...siblings],
          });
        }
      }
      for (const block of region.blocks) {
        block.branches.forEach((branch, k) => {
          const others = block.branches
            .map((_, j) => j)
            .filter((j) => j !== k)
            .map((j) => `#${regionDoneId(block.splitId, j + 1)}`);
          walk(branch.region, [...siblings, ...others]);
        });
      }
    };
    walk(plan, []);
    return transitions.length > 0 ? { recall: transitions } : {};
  }

  /**
   * The region's initial state: its start event's state, or, when the start event only leads on
   * (no timer, no actions), the state it leads to in this region, sparing a microstep per case.
   */
  private initialKey(ctx: RegionCtx, first: string, index: number): string {
    const node = ctx.scope.nodes[first];
    if (node?.kind !== 'startEvent') return stateKey(first);
    const target = this.singleFlowTarget(ctx, node);
    if (target === ctx.doneTarget) return regionDoneKey(index);
    for (const id of ctx.plan.nodeIds) {
      if (target === nodeTarget(id)) return stateKey(id);
      if (target === `#${blockStateId(id)}` && ctx.plan.blocks.some((b) => b.splitId === id))
        return blockKey(id);
    }
    return stateKey(first);
  }

  /**
   * Where a flow leads: the state of its target, or the region's done state at the join. A flow
   * into a gateway that cannot choose (a merge, a parallel fork, a join with one way on) leads
   * straight on to where that gateway leads: its state would only be passed through by one more
   * eventless microstep. Its state stays, for `jump:` to it.
   */
  private flowTarget(ctx: RegionCtx, flowId: string, seen: ReadonlySet<string> = new Set()): string {
    const flow = ctx.scope.flows[flowId];
    if (!flow) throw new Error(`internal: unknown flow ${flowId}`);
    if (flow.target === ctx.plan.exitNodeId) return ctx.doneTarget;
    return this.nodeEntryTarget(ctx, flow.target, seen);
  }

  /** The state a path into `nodeId` settles in, passing through gateways that cannot choose. */
  private nodeEntryTarget(ctx: RegionCtx, nodeId: string, seen: ReadonlySet<string> = new Set()): string {
    const node = ctx.scope.nodes[nodeId];
    if (node?.kind !== 'gateway' || seen.has(nodeId)) return nodeTarget(nodeId);
    const block = ctx.plan.blocks.find((b) => b.splitId === nodeId);
    if (block) return block.gatewayType === 'parallel' ? `#${blockStateId(nodeId)}` : nodeTarget(nodeId);
    const flowId = node.outgoing[0];
    if (node.outgoing.length !== 1 || flowId === undefined) return nodeTarget(nodeId);
    return this.flowTarget(ctx, flowId, new Set([...seen, nodeId]));
  }

  private singleFlowTarget(ctx: RegionCtx, node: FlowNode): string | undefined {
    const flowId = node.outgoing[0];
    return flowId === undefined ? undefined : this.flowTarget(ctx, flowId);
  }

  private nodeState(ctx: RegionCtx, node: FlowNode): StateConfig {
    const id = nodeStateId(node.id);
    switch (node.kind) {
      case 'startEvent':
        return { id, always: { target: this.singleFlowTarget(ctx, node) } };
      case 'endEvent':
        if (node.variant === 'terminate') {
          // Terminate ends the scope it is in: the case at top level, else just the subprocess.
          const atTop = ctx.scope === this.model.root;
          return {
            id,
            ...(atTop
              ? { entry: mutate((c) => emit(c, { type: 'case.terminated', elementId: node.id })) }
              : {}),
            always: { target: `#${terminatedStateId(ctx.scope.id)}` },
          };
        }
        if (node.variant === 'error') {
          const code = node.errorCode ?? node.id;
          return {
            id,
            entry: [
              mutate((c) => emit(c, { type: 'error.raised', elementId: node.id, data: { errorCode: code } })),
              raiseError(() => ({ type: 'bpmn.error', code, source: node.id })),
            ],
          };
        }
        return { id, type: 'final' };
      case 'gateway':
        return { id, always: this.gatewayTransitions(ctx, node) };
      case 'timerCatch': {
        const next = this.singleFlowTarget(ctx, node);
        return {
          id,
          entry: mutate((c) => this.armTimer(c, node.id)),
          exit: mutate((c) => this.disarmTimers(c, [node.id])),
          on: { [`timer:${node.id}`]: { target: next } },
        };
      }
      case 'messageCatch':
        return { id, on: { [`message:${node.message}`]: { target: this.singleFlowTarget(ctx, node) } } };
      case 'userTask':
      case 'serviceTask':
      case 'subProcess':
        return this.activityState(ctx, node);
      case 'boundaryEvent':
        throw new Error('internal: boundary events are transitions, not states');
    }
  }

  private gatewayTransitions(ctx: RegionCtx, node: GatewayNode): Transition[] {
    if (node.outgoing.length <= 1 || node.gatewayType !== 'exclusive') {
      const target = this.singleFlowTarget(ctx, node);
      return target === undefined ? [] : [{ target }];
    }
    const transitions: Transition[] = [];
    for (const flowId of node.outgoing) {
      if (flowId === node.defaultFlow) continue;
      const condition = ctx.scope.flows[flowId]?.condition ?? null;
      transitions.push({
        target: this.flowTarget(ctx, flowId),
        ...(condition === null
          ? {}
          : {
              guard: ({ context }: { context: CaseContext }) =>
                evaluateCondition(condition, context.vars, { elementId: flowId }, context.now),
            }),
        actions: mutate((c) =>
          emit(c, { type: 'gateway.taken', elementId: node.id, data: { flow: flowId } }),
        ),
      });
    }
    if (node.defaultFlow !== null) {
      const flowId = node.defaultFlow;
      transitions.push({
        target: this.flowTarget(ctx, flowId),
        actions: mutate((c) =>
          emit(c, { type: 'gateway.taken', elementId: node.id, data: { flow: flowId, default: true } }),
        ),
      });
    }
    transitions.push({
      target: `#case.${ROOT_NO_FLOW}`,
      actions: mutate((c) => {
        c.noFlow = node.id;
      }),
    });
    return transitions;
  }

  /** The transient state a split passes through: inclusive splits refuse when no flow applies. */
  private blockEntryState(_ctx: RegionCtx, node: GatewayNode, block: BlockPlan): StateConfig {
    const target = `#${blockStateId(node.id)}`;
    if (block.gatewayType === 'parallel') return { id: nodeStateId(node.id), always: { target } };
    return {
      id: nodeStateId(node.id),
      always: [
        {
          guard: ({ context }: { context: CaseContext }) =>
            this.inclusiveTaken(node, context.vars, context.now).length > 0,
          target,
        },
        {
          target: `#case.${ROOT_NO_FLOW}`,
          actions: mutate((c) => {
            c.noFlow = node.id;
          }),
        },
      ],
    };
  }

  /** `now`: the command's instant, which `now()`/`today()` in conditions stand for. */
  private inclusiveTaken(node: GatewayNode, vars: Variables, now: number): string[] {
    const scope = this.scopeOf.get(node.id)!;
    const taken = node.outgoing.filter((f) => {
      if (f === node.defaultFlow) return false;
      const condition = scope.flows[f]?.condition ?? null;
      return condition === null || evaluateCondition(condition, vars, { elementId: f }, now);
    });
    if (taken.length === 0 && node.defaultFlow !== null) return [node.defaultFlow];
    return taken;
  }

  /** A parallel state with one region per branch; it is done when every region is. */
  private blockState(ctx: RegionCtx, block: BlockPlan): StateConfig {
    const split = ctx.scope.nodes[block.splitId] as GatewayNode;
    const regions: Record<string, StateConfig> = {};
    block.branches.forEach((branch, k) => {
      const region = this.regionState(ctx.scope, branch.region, block.splitId, k + 1, ctx.depth + 1);
      if (block.gatewayType === 'inclusive') {
        const states = region.states as Record<string, StateConfig>;
        const first = region.initial as string;
        states.gate = {
          always: [
            {
              guard: ({ context }: { context: CaseContext }) =>
                this.inclusiveTaken(split, context.vars, context.now).includes(branch.flowId),
              target: first,
              actions: mutate((c) =>
                emit(c, { type: 'gateway.taken', elementId: split.id, data: { flow: branch.flowId } }),
              ),
            },
            { target: regionDoneKey(k + 1) },
          ],
        };
        region.initial = 'gate';
      }
      regions[branchKey(k + 1)] = region;
    });
    const next = block.joinId === null ? ctx.doneTarget : this.nodeEntryTarget(ctx, block.joinId);
    return { id: blockStateId(block.splitId), type: 'parallel', states: regions, onDone: { target: next } };
  }

  /** User task, service task or subprocess, with its boundary events. */
  private activityState(ctx: RegionCtx, node: UserTaskNode | SubProcessNode | FlowNode): StateConfig {
    if (node.kind !== 'userTask' && node.kind !== 'serviceTask' && node.kind !== 'subProcess') {
      throw new Error('internal: not an activity');
    }
    const boundaries = node.boundaries
      .map((b) => ctx.scope.nodes[b])
      .filter((b): b is BoundaryEventNode => b?.kind === 'boundaryEvent');
    const interrupting = boundaries.filter((b) => b.cancelActivity);
    const side = boundaries.filter((b) => !b.cancelActivity);
    const next = this.singleFlowTarget(ctx, node);

    const on: Record<string, Transition | Transition[]> = {};
    const always: Transition[] = [];
    const entry: Action[] = [];
    const exit: Action[] = [];
    let inner: StateConfig = {};

    if (node.kind === 'userTask') {
      entry.push(mutate((c) => this.openUserTasks(c, node)));
      exit.push(mutate((c) => this.cancelTasks(c, node.id)));
      if (node.multiInstance) {
        on[`complete:${node.id}`] = { actions: [] };
        always.push({
          guard: ({ context }: { context: CaseContext }) => this.multiInstanceDone(node, context),
          target: next,
        });
      } else {
        on[`complete:${node.id}`] = { target: next };
      }
    } else if (node.kind === 'serviceTask') {
      entry.push(mutate((c) => this.openServiceTask(c, node.id, node.name, node.handler ?? node.id)));
      exit.push(mutate((c) => this.cancelTasks(c, node.id)));
      on[`service:${node.id}`] = { target: next };
      const errorTransitions: Transition[] = interrupting
        .filter((b) => b.trigger.type === 'error')
        .map((b) => ({
          guard: ({ event }: { event: { code: string } }) =>
            b.trigger.type === 'error' &&
            (b.trigger.errorCode === null || b.trigger.errorCode === event.code),
          target: this.singleFlowTarget(ctx, b),
        }));
      errorTransitions.push({
        actions: raiseError((event) => ({ type: 'bpmn.error', code: event.code, source: node.id })),
      });
      on[`error:${node.id}`] = errorTransitions;
    } else {
      inner = this.scopeState(node.scope, null);
      const descendants = this.subprocessDescendants.get(node.id) ?? new Set<string>();
      const catchers = interrupting.filter((b) => b.trigger.type === 'error');
      if (catchers.length > 0) {
        on['bpmn.error'] = catchers.map((b) => ({
          guard: ({ event }: { event: { code: string; source: string } }) =>
            descendants.has(event.source) &&
            b.trigger.type === 'error' &&
            (b.trigger.errorCode === null || b.trigger.errorCode === event.code),
          target: this.singleFlowTarget(ctx, b),
        }));
      }
    }

    for (const b of interrupting) {
      if (b.trigger.type === 'timer') on[`timer:${b.id}`] = { target: this.singleFlowTarget(ctx, b) };
      if (b.trigger.type === 'message')
        on[`message:${b.trigger.message}`] = { target: this.singleFlowTarget(ctx, b) };
    }
    const timerBoundaries = boundaries.filter((b) => b.trigger.type === 'timer').map((b) => b.id);
    if (timerBoundaries.length > 0) {
      entry.push(
        mutate((c) => {
          for (const b of timerBoundaries) this.armTimer(c, b);
        }),
      );
      exit.push(mutate((c) => this.disarmTimers(c, timerBoundaries)));
    }

    const id = nodeStateId(node.id);
    const activity: StateConfig = {
      ...inner,
      entry,
      exit,
      on: { ...((inner.on as object | undefined) ?? {}), ...on },
      ...(always.length > 0 ? { always } : {}),
      ...(node.kind === 'subProcess' ? { onDone: { target: next } } : {}),
    };
    if (side.length === 0) return { id, ...activity };

    // Non-interrupting boundaries: the activity and each boundary's path run as parallel regions.
    const regions: Record<string, StateConfig> = {
      main: { initial: 'active', states: { active: activity } },
    };
    side.forEach((b, k) => {
      const plan = ctx.plan.sidePaths[b.id];
      if (!plan) return;
      const path = this.regionState(ctx.scope, plan, b.id, k + 1, -1);
      const states = path.states as Record<string, StateConfig>;
      const trigger =
        b.trigger.type === 'timer'
          ? `timer:${b.id}`
          : b.trigger.type === 'message'
            ? `message:${b.trigger.message}`
            : `never:${b.id}`;
      states.waiting = { on: { [trigger]: { target: path.initial as string } } };
      regions[`side${k + 1}`] = { ...path, initial: 'waiting' };
    });
    return { id, type: 'parallel', states: regions };
  }

  private openUserTasks(c: CaseContext, node: UserTaskNode): void {
    const departments = node.multiInstance ? this.instanceDepartments(node, c.vars) : [node.department];
    if (node.multiInstance)
      c.mi[node.id] = { of: departments.length, completed: 0, approved: 0, rejected: 0 };
    departments.forEach((department, index) => {
      const task: TaskRecord = {
        id: nextId(c, node.id),
        elementId: node.id,
        name: node.name,
        kind: 'user',
        department: department ?? null,
        role: node.role,
        openedAt: c.now,
        dueAt: null,
        instance: node.multiInstance ? { index, of: departments.length } : null,
        handler: null,
      };
      c.tasks[task.id] = task;
      emit(c, {
        type: 'task.opened',
        elementId: node.id,
        taskId: task.id,
        department: task.department,
        role: task.role,
      });
    });
  }

  private instanceDepartments(node: UserTaskNode, vars: Variables): (string | null)[] {
    const mi = node.multiInstance!;
    if (mi.departments.length > 0) return [...mi.departments];
    const list = mi.collection === null ? undefined : vars[mi.collection];
    return Array.isArray(list) ? list.filter((d): d is string => typeof d === 'string') : [];
  }

  private multiInstanceDone(node: UserTaskNode, c: CaseContext): boolean {
    const progress = c.mi[node.id];
    // Entry actions run after the transition, so on entry there is no progress yet: only an
    // empty department list is done at once.
    if (!progress) return this.instanceDepartments(node, c.vars).length === 0;
    if (progress.completed >= progress.of) return true;
    const condition = node.multiInstance?.completionCondition ?? null;
    if (condition === null) return false;
    return evaluateCondition(
      condition,
      {
        ...c.vars,
        nrOfInstances: progress.of,
        nrOfCompletedInstances: progress.completed,
        nrOfActiveInstances: progress.of - progress.completed,
        nrOfApproved: progress.approved,
        nrOfRejected: progress.rejected,
      },
      {},
      c.now,
    );
  }

  private openServiceTask(c: CaseContext, elementId: string, name: string | null, handler: string): void {
    const task: TaskRecord = {
      id: nextId(c, elementId),
      elementId,
      name,
      kind: 'service',
      department: null,
      role: null,
      openedAt: c.now,
      dueAt: null,
      instance: null,
      handler,
    };
    c.tasks[task.id] = task;
    emit(c, { type: 'service.requested', elementId, taskId: task.id, data: { handler } });
  }

  /** Closes whatever tasks of an element are still open: they were interrupted, not completed. */
  private cancelTasks(c: CaseContext, elementId: string): void {
    for (const task of Object.values(c.tasks)) {
      if (task.elementId !== elementId) continue;
      delete c.tasks[task.id];
      emit(c, {
        type: 'task.cancelled',
        elementId,
        taskId: task.id,
        department: task.department,
        role: task.role,
      });
    }
    delete c.mi[elementId];
  }

  private armTimer(c: CaseContext, elementId: string): void {
    const id = nextId(c, elementId);
    c.timers[id] = { id, dueAt: -1, purpose: 'bpmn', elementId };
  }

  private disarmTimers(c: CaseContext, elementIds: readonly string[]): void {
    // A held timer is not in `timers`: leaving its activity ends it too.
    // (Replaced, not edited: the record is shared with the snapshot the step was given.)
    const held = c.heldTimers;
    if (held && elementIds.some((id) => held[id] !== undefined)) {
      c.heldTimers = Object.fromEntries(Object.entries(held).filter(([id]) => !elementIds.includes(id)));
    }
    for (const timer of Object.values(c.timers)) {
      if (timer.purpose === 'bpmn' && timer.elementId !== null && elementIds.includes(timer.elementId)) {
        delete c.timers[timer.id];
      }
    }
  }
}

interface RegionCtx {
  readonly scope: Scope;
  readonly plan: RegionPlan;
  /** Target for a flow into the region's exit (its join). */
  readonly doneTarget: string;
  /** Parallel stages around the region (see `regionState`). */
  readonly depth: number;
}
