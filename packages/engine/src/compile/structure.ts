import type { Diagnostic } from '../model/diagnostics.js';
import type { FlowNode, Scope } from '../model/process.js';

/**
 * The block structure of one scope: which nodes sit directly in which region, and which parallel or
 * inclusive split owns which branches up to its matching join. The compiler turns each region into a
 * compound state and each block into a parallel state, so the plan is the statechart's skeleton.
 */
export interface RegionPlan {
  /** Nodes that become states directly in this region (splits become their block's state). */
  readonly nodeIds: readonly string[];
  /** Blocks whose split gateway sits directly in this region. */
  readonly blocks: readonly BlockPlan[];
  /** Where the region ends: the join of the block it is a branch of; null for a scope's top region. */
  readonly exitNodeId: string | null;
  /**
   * Paths of non-interrupting boundary events attached to tasks of this region, by boundary id: they
   * run beside their task (a parallel region of the task's state) and must end in their own end event.
   */
  readonly sidePaths: Readonly<Record<string, RegionPlan>>;
}

export interface BlockPlan {
  readonly splitId: string;
  /** The matching join gateway, or null when every branch ends in its own end event. */
  readonly joinId: string | null;
  readonly gatewayType: 'parallel' | 'inclusive';
  readonly branches: readonly BranchPlan[];
}

export interface BranchPlan {
  /** The outgoing flow of the split that starts this branch. */
  readonly flowId: string;
  readonly region: RegionPlan;
}

export interface StructureResult {
  readonly plan: RegionPlan | null;
  readonly diagnostics: Diagnostic[];
}

const WAIT_KINDS = new Set<FlowNode['kind']>([
  'userTask',
  'serviceTask',
  'timerCatch',
  'messageCatch',
  'subProcess',
]);

const EXIT = '\u0000exit';

/**
 * Successors of a node in the scope graph. A task's interrupting boundary events count as its
 * successors (their paths continue the flow); non-interrupting ones only when `withSidePaths`.
 */
function successorIds(scope: Scope, node: FlowNode, withSidePaths: boolean): string[] {
  const targets: string[] = [];
  for (const flowId of node.outgoing) {
    const flow = scope.flows[flowId];
    if (flow && scope.nodes[flow.target]) targets.push(flow.target);
  }
  if ('boundaries' in node) {
    for (const b of node.boundaries) {
      const boundary = scope.nodes[b];
      if (!boundary) continue;
      if (withSidePaths || isInterrupting(boundary)) targets.push(b);
    }
  }
  return targets;
}

const NONE: readonly string[] = [];

/**
 * Each node's successors (side paths included), computed once per scope: the planner asks for
 * them several times per node, and at thousands of nodes the repeated lists were a good part of a
 * check's time and garbage. The lists are shared: callers must not change them.
 */
class Successors {
  readonly #scope: Scope;
  readonly #all = new Map<string, readonly string[]>();

  constructor(scope: Scope) {
    this.#scope = scope;
  }

  of(id: string): readonly string[] {
    let targets = this.#all.get(id);
    if (targets === undefined) {
      const node = this.#scope.nodes[id];
      targets = node ? successorIds(this.#scope, node, true) : NONE;
      this.#all.set(id, targets);
    }
    return targets;
  }
}

/** `from -> to` edges that close a loop, in the order the search found them. */
class BackEdges {
  readonly #targets = new Map<string, Set<string>>();
  readonly list: (readonly [from: string, to: string])[] = [];

  add(from: string, to: string): void {
    const targets = this.#targets.get(from) ?? new Set<string>();
    if (targets.has(to)) return;
    targets.add(to);
    this.#targets.set(from, targets);
    this.list.push([from, to]);
  }

  has(from: string, to: string): boolean {
    return this.#targets.get(from)?.has(to) === true;
  }
}

function isInterrupting(node: FlowNode): boolean {
  return node.kind !== 'boundaryEvent' || node.cancelActivity;
}

/** Edges that leave the structured flow on purpose: into a terminate or error end event. */
function isEscapeTarget(node: FlowNode | undefined): boolean {
  return node?.kind === 'endEvent' && node.variant !== 'none';
}

/** The scope's flow graph with back edges, escapes and loop tails set aside: what the planner walks. */
interface ScopeGraph {
  readonly scope: Scope;
  readonly nodes: Scope['nodes'];
  /** `from->to` edges that close a loop (found by depth-first search from the start event). */
  readonly backEdges: BackEdges;
  /** Every node's successors, side paths included. */
  readonly successors: Successors;
  /** Reached nodes in depth-first post-order. */
  readonly order: readonly string[];
  /** Every node reached from the start event. */
  readonly reached: ReadonlySet<string>;
  /** Nodes every forward path of which ends in a loop back. */
  readonly loopTail: ReadonlySet<string>;
  /** Forward acyclic successors, escapes and loop tails removed; sinks lead to {@link EXIT}. */
  readonly dagSucc: ReadonlyMap<string, string[]>;
  /** Immediate post-dominator of each node: a split's join. */
  readonly ipdom: ReadonlyMap<string, string>;
  /** Forward successors (no back edges, no escapes); shared lists, not to be changed. */
  forward(id: string): readonly string[];
}

/**
 * Analyses one scope. Back edges (loops, 退回) and escapes (terminate/error ends) are set aside;
 * on the remaining acyclic graph each split's immediate post-dominator is its join, and each branch
 * must be single-entry: anything else is refused as an unstructured gateway.
 */
export function analyseScope(scope: Scope): StructureResult {
  const diagnostics: Diagnostic[] = [];
  const start = Object.values(scope.nodes).find((n) => n.kind === 'startEvent');
  if (!start) {
    diagnostics.push({
      elementId: scope.id,
      code: 'NO_START_EVENT',
      message: `Scope "${scope.id}" has no start event: add one none start event.`,
      severity: 'error',
    });
    return { plan: null, diagnostics };
  }
  const graph = scopeGraph(scope, start.id);
  checkUnreachable(graph, diagnostics);
  checkLoopsHaveWaits(scope, graph, diagnostics);
  const planner = new RegionPlanner(graph, diagnostics);
  const plan = planner.buildRegion([start.id], null, scope.id);
  planner.placeLoopTails();
  // A reached node the plan has no place for would be a transition target without a state (xstate
  // throws "Child state node … does not exist"). When nothing else explains it, it is a loop with
  // no way out: every path from it only leads back.
  if (!diagnostics.some((d) => d.severity === 'error')) checkDeadEnds(graph, planner.claimed, diagnostics);
  checkJoinsEnteredOnlyFromTheirBlock(scope, plan, diagnostics);
  return { plan, diagnostics };
}

/** Classifies the graph from the start event: back edges, loop tails, the acyclic rest, joins. */
function scopeGraph(scope: Scope, startId: string): ScopeGraph {
  const nodes = scope.nodes;
  const successors = new Successors(scope);
  const { backEdges, order, discovered } = depthFirst(successors, startId);
  const forwardOf = new Map<string, readonly string[]>();
  const forward = (id: string): readonly string[] => {
    const known = forwardOf.get(id);
    if (known !== undefined) return known;
    const node = nodes[id];
    const targets = node
      ? successorIds(scope, node, false).filter((t) => !backEdges.has(id, t) && !isEscapeTarget(nodes[t]))
      : NONE;
    forwardOf.set(id, targets);
    return targets;
  };
  const loopTail = loopTails(scope, order, { backEdges, successors, forward });
  // In the order the search first met them: diagnostics about them come out in that order.
  const reached = new Set(discovered);
  // Forward acyclic successors, escapes and loop tails removed; sinks lead to a virtual exit.
  const dagSucc = new Map<string, string[]>();
  for (const id of reached) {
    const succ = forward(id).filter((t) => !loopTail.has(t));
    dagSucc.set(id, succ.length > 0 ? succ : [EXIT]);
  }
  const ipdom = postDominators(order, dagSucc);
  return { scope, nodes, backEdges, successors, order, reached, loopTail, dagSucc, ipdom, forward };
}

/** Depth-first search from the start event: back edges, and the post-order of the forward graph. */
function depthFirst(
  successors: Successors,
  root: string,
): { backEdges: BackEdges; order: string[]; discovered: string[] } {
  const backEdges = new BackEdges();
  const state = new Map<string, 1 | 2>();
  const order: string[] = [];
  const discovered: string[] = [];
  // An explicit stack, not recursion: a chain of thousands of steps must not overflow the call stack.
  const stack: { id: string; targets: readonly string[]; next: number }[] = [];
  const enter = (id: string): void => {
    state.set(id, 1);
    discovered.push(id);
    stack.push({ id, targets: successors.of(id), next: 0 });
  };
  enter(root);
  for (let top = stack.at(-1); top !== undefined; top = stack.at(-1)) {
    const target = top.targets[top.next];
    if (target === undefined) {
      stack.pop();
      state.set(top.id, 2);
      order.push(top.id);
      continue;
    }
    top.next += 1;
    const s = state.get(target);
    if (s === 1) backEdges.add(top.id, target);
    else if (s === undefined) enter(target);
  }
  return { backEdges, order, discovered };
}

/**
 * Loop tails: nodes every forward path of which ends in a loop back (e.g. 补正 → back to review).
 * They are set aside like escapes and placed in the region their loop returns to, so leaving a
 * parallel branch for one closes the branch's stage (the siblings are cancelled) at once.
 */
function loopTails(
  scope: Scope,
  order: readonly string[],
  graph: Pick<ScopeGraph, 'backEdges' | 'successors' | 'forward'>,
): Set<string> {
  const { backEdges, successors, forward } = graph;
  const loopTail = new Set<string>();
  for (const id of order) {
    const node = scope.nodes[id];
    if (!node || node.kind === 'endEvent' || node.kind === 'boundaryEvent') continue;
    const fwd = forward(id);
    const loopsBack = successors.of(id).some((t) => backEdges.has(id, t));
    if ((fwd.length === 0 && loopsBack) || (fwd.length > 0 && fwd.every((t) => loopTail.has(t))))
      loopTail.add(id);
  }
  return loopTail;
}

/** Immediate post-dominators (Cooper–Harvey–Kennedy on the reverse graph), in reverse topological order. */
function postDominators(
  order: readonly string[],
  dagSucc: ReadonlyMap<string, string[]>,
): Map<string, string> {
  const topo = [...order].reverse(); // order is a post-order of the forward graph
  const rank = new Map<string, number>();
  rank.set(EXIT, Number.POSITIVE_INFINITY);
  for (const [i, id] of topo.entries()) rank.set(id, i);
  const ipdom = new Map<string, string>();
  ipdom.set(EXIT, EXIT);
  const intersect = (a: string, b: string): string => {
    let x = a;
    let y = b;
    while (x !== y) {
      while ((rank.get(x) ?? 0) < (rank.get(y) ?? 0)) x = ipdom.get(x) ?? EXIT;
      while ((rank.get(y) ?? 0) < (rank.get(x) ?? 0)) y = ipdom.get(y) ?? EXIT;
    }
    return x;
  };
  for (let i = topo.length - 1; i >= 0; i--) {
    const id = topo[i]!;
    const succ = dagSucc.get(id) ?? [EXIT];
    let acc: string | null = null;
    for (const s of succ) {
      if (s !== EXIT && !ipdom.has(s)) continue;
      acc = acc === null ? s : intersect(acc, s);
    }
    ipdom.set(id, acc ?? EXIT);
  }
  return ipdom;
}

function checkUnreachable(graph: ScopeGraph, diagnostics: Diagnostic[]): void {
  for (const id of Object.keys(graph.nodes)) {
    const node = graph.nodes[id]!;
    if (!graph.reached.has(id) && node.kind !== 'boundaryEvent') {
      diagnostics.push({
        elementId: id,
        code: 'UNREACHABLE_NODE',
        message: `"${node.name ?? id}" cannot be reached from the start event: connect it or remove it.`,
        severity: 'error',
      });
    }
  }
}

/** Reached nodes the plan found no place for: loops with no way out. */
function checkDeadEnds(
  graph: ScopeGraph,
  claimed: ReadonlyMap<string, string>,
  diagnostics: Diagnostic[],
): void {
  for (const id of graph.reached) {
    const node = graph.nodes[id];
    if (!node || claimed.has(id) || node.kind === 'boundaryEvent') continue;
    diagnostics.push({
      elementId: id,
      code: 'DEAD_END',
      message: `"${node.name ?? id}" is on a loop that never leads to an end event: give the loop a way out (e.g. an exclusive gateway with a flow to an end event).`,
      severity: 'error',
    });
  }
}

const isSplit = (n: FlowNode): boolean =>
  n.kind === 'gateway' && n.gatewayType !== 'exclusive' && n.outgoing.length > 1;

type RegionHome = { nodeIds: string[]; owner: string };

/**
 * Places every reached node in exactly one region: splits open blocks up to their join, boundary
 * side paths run beside their task, loop tails go where their loop returns. A node claimed by two
 * regions is an unstructured gateway.
 */
class RegionPlanner {
  /** node -> region owner label, to detect overlaps */
  readonly claimed = new Map<string, string>();
  /** node -> its region's node list */
  readonly #home = new Map<string, RegionHome>();
  readonly #tailsSeen: string[] = [];

  private readonly graph: ScopeGraph;
  private readonly diagnostics: Diagnostic[];

  constructor(graph: ScopeGraph, diagnostics: Diagnostic[]) {
    this.graph = graph;
    this.diagnostics = diagnostics;
  }

  /**
   * The region a loop tail returns to: where its loop-back targets are. Depth-first with an
   * explicit stack (same visiting order as the recursive form), and each node tried once: the
   * forward graph is acyclic, so a node that found nothing finds nothing again.
   */
  #tailHome(from: string): RegionHome | undefined {
    const { nodes, backEdges, successors } = this.graph;
    const stack = [from];
    const tried = new Set<string>();
    for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
      const node = nodes[id];
      if (!node || tried.has(id)) continue;
      tried.add(id);
      for (const t of successors.of(id)) {
        if (backEdges.has(id, t)) return this.#home.get(t);
      }
      stack.push(...[...this.graph.forward(id)].reverse());
    }
    return undefined;
  }

  /** Puts the loop tails met while building regions into the regions their loops return to. */
  placeLoopTails(): void {
    const { nodes } = this.graph;
    const queue = [...this.#tailsSeen];
    while (queue.length > 0) {
      const id = queue.shift()!;
      if (this.claimed.has(id)) continue;
      const node = nodes[id];
      const target = this.#tailHome(id);
      if (!node || !target) continue;
      if (isSplit(node)) {
        this.diagnostics.push({
          elementId: id,
          code: 'UNSTRUCTURED_GATEWAY',
          message: `"${node.name ?? id}" splits a path that only loops back: put the parallel work in the main flow and loop back after its join.`,
          severity: 'error',
        });
        continue;
      }
      this.claimed.set(id, target.owner);
      target.nodeIds.push(id);
      this.#home.set(id, target);
      for (const t of this.graph.forward(id)) queue.push(t);
      for (const t of this.graph.successors.of(id)) {
        if (isEscapeTarget(nodes[t]) && !this.claimed.has(t)) {
          this.claimed.set(t, target.owner);
          target.nodeIds.push(t);
        }
      }
    }
  }

  /** The region entered at `entries` and left at `exitNodeId`, its nodes claimed for `owner`. */
  buildRegion(entries: string[], exitNodeId: string | null, owner: string): RegionPlan {
    const { nodes } = this.graph;
    const nodeIds: string[] = [];
    const blocks: BlockPlan[] = [];
    const sidePaths: Record<string, RegionPlan> = {};
    const queue = [...entries];
    const seen = new Set<string>();
    while (queue.length > 0) {
      const id = queue.shift()!;
      if (id === EXIT || id === exitNodeId || seen.has(id)) continue;
      seen.add(id);
      const node = nodes[id];
      if (!node || !this.#claim(id, node, owner)) continue;
      nodeIds.push(id);
      this.#home.set(id, { nodeIds, owner });
      for (const t of this.graph.forward(id)) if (this.graph.loopTail.has(t)) this.#tailsSeen.push(t);
      if (isSplit(node) && node.kind === 'gateway') {
        const block = this.#block(id, node);
        if (block === null) continue;
        blocks.push(block);
        if (block.joinId !== null) queue.push(block.joinId);
        continue;
      }
      for (const s of this.graph.dagSucc.get(id) ?? []) queue.push(s);
      this.#sidePaths(node, owner, sidePaths);
      // Escapes (terminate/error ends) belong to the region that reaches them.
      for (const t of this.graph.successors.of(id)) if (isEscapeTarget(nodes[t])) queue.push(t);
    }
    return { nodeIds, blocks, exitNodeId, sidePaths };
  }

  /** Claims a node for a region; false (with a diagnostic) when another region has it. */
  #claim(id: string, node: FlowNode, owner: string): boolean {
    const prior = this.claimed.get(id);
    if (prior !== undefined && prior !== owner) {
      this.diagnostics.push({
        elementId: id,
        code: 'UNSTRUCTURED_GATEWAY',
        message: `"${node.name ?? id}" is reached from two parallel branches (${prior} and ${owner}) without passing their join: give each split a matching join of the same type.`,
        severity: 'error',
      });
      return false;
    }
    this.claimed.set(id, owner);
    return true;
  }

  /** The block a split opens, one region per branch up to its join; null when the join does not match. */
  #block(id: string, node: Extract<FlowNode, { kind: 'gateway' }>): BlockPlan | null {
    const { scope, nodes } = this.graph;
    const join = this.graph.ipdom.get(id) ?? EXIT;
    const joinNode = join === EXIT ? undefined : nodes[join];
    if (joinNode && (joinNode.kind !== 'gateway' || joinNode.gatewayType !== node.gatewayType)) {
      this.diagnostics.push({
        elementId: id,
        code: 'UNSTRUCTURED_GATEWAY',
        message: `The ${node.gatewayType} split "${node.name ?? id}" has no matching ${node.gatewayType} join: its branches first meet at "${joinNode.name ?? join}". Close the branches with a ${node.gatewayType} gateway.`,
        severity: 'error',
      });
      return null;
    }
    const branches: BranchPlan[] = node.outgoing.map((flowId, k) => {
      const target = scope.flows[flowId]?.target ?? EXIT;
      const region = this.buildRegion(
        target === join ? [] : [target],
        join === EXIT ? null : join,
        `${id}#${k + 1}`,
      );
      return { flowId, region };
    });
    return {
      splitId: id,
      joinId: join === EXIT ? null : join,
      gatewayType: node.gatewayType === 'inclusive' ? 'inclusive' : 'parallel',
      branches,
    };
  }

  /** Paths of a task's non-interrupting boundary events, each its own region beside the task. */
  #sidePaths(node: FlowNode, owner: string, sidePaths: Record<string, RegionPlan>): void {
    if (!('boundaries' in node)) return;
    const { scope, nodes } = this.graph;
    for (const b of node.boundaries) {
      const boundary = nodes[b];
      if (!boundary || isInterrupting(boundary)) continue;
      this.claimed.set(b, owner);
      const targets = boundary.outgoing.map((f) => scope.flows[f]?.target).filter((t) => t !== undefined);
      sidePaths[b] = this.buildRegion(targets, null, `${b} (non-interrupting path)`);
    }
  }
}

/** A loop made only of gateways would spin for ever: every cycle must pass a task or a catch event. */
function checkLoopsHaveWaits(
  scope: Scope,
  graph: Pick<ScopeGraph, 'backEdges' | 'successors'>,
  diagnostics: Diagnostic[],
): void {
  for (const [from, to] of graph.backEdges.list) {
    // Is there a path to -> from through non-wait nodes only (including the endpoints)?
    const seen = new Set<string>();
    const stack = [to];
    let spins = false;
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const node = scope.nodes[id];
      if (!node || WAIT_KINDS.has(node.kind)) continue;
      if (id === from) {
        spins = true;
        break;
      }
      for (const t of graph.successors.of(id)) stack.push(t);
    }
    if (spins) {
      diagnostics.push({
        elementId: from,
        code: 'LOOP_WITHOUT_WAIT',
        message: `The loop back from "${scope.nodes[from]?.name ?? from}" to "${scope.nodes[to]?.name ?? to}" passes no task or catch event, so it could repeat for ever: put a task on the loop.`,
        severity: 'error',
      });
    }
  }
}

/** Every flow into a join must come from its own block's branches. */
function checkJoinsEnteredOnlyFromTheirBlock(
  scope: Scope,
  plan: RegionPlan,
  diagnostics: Diagnostic[],
): void {
  const walk = (region: RegionPlan): void => {
    for (const block of region.blocks) {
      if (block.joinId !== null) {
        const inside = new Set<string>([block.splitId]);
        const collect = (r: RegionPlan): void => {
          for (const id of r.nodeIds) inside.add(id);
          for (const b of r.blocks) {
            if (b.joinId) inside.add(b.joinId);
            for (const br of b.branches) collect(br.region);
          }
        };
        for (const br of block.branches) collect(br.region);
        const join = scope.nodes[block.joinId];
        for (const flowId of join?.incoming ?? []) {
          const source = scope.flows[flowId]?.source;
          if (source !== undefined && !inside.has(source)) {
            diagnostics.push({
              elementId: block.joinId,
              code: 'UNSTRUCTURED_GATEWAY',
              message: `The join "${join?.name ?? block.joinId}" is also entered from "${scope.nodes[source]?.name ?? source}", outside the branches of split "${block.splitId}": a join may only close its own split's branches.`,
              severity: 'error',
            });
          }
        }
      }
      for (const br of block.branches) walk(br.region);
    }
  };
  walk(plan);
}
