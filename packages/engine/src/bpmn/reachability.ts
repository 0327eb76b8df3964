import type { DiagnosticSink } from './diagnostic-sink.js';

/** A scope's raw graph, including nodes the importer refused, so one refusal does not cascade. */
export interface ScopeGraph {
  readonly scopeId: string;
  /** Every flow node id in the scope, in document order. */
  readonly nodeIds: readonly string[];
  /** Start events of any kind (entry points) and the subset without a trigger. */
  readonly startIds: readonly string[];
  readonly noneStartIds: readonly string[];
  /** Sequence flow edges and host → boundary event attachments. */
  readonly edges: ReadonlyMap<string, readonly string[]>;
}

/**
 * Checks a scope's entry and that every node can be reached from it. An unreachable node is an
 * error: it is almost always a drawing mistake (a missing flow), and a statechart has no place for
 * a state nothing leads to.
 */
export function checkReachability(graph: ScopeGraph, sink: DiagnosticSink): void {
  const [first, ...extra] = graph.noneStartIds;
  if (graph.startIds.length === 0) {
    sink.error(
      graph.scopeId,
      'NO_START_EVENT',
      'This (sub)process has no start event; add one none start event where its work begins.',
    );
    return;
  }
  for (const id of extra) {
    sink.error(
      id,
      'MULTIPLE_START_EVENTS',
      `A (sub)process has one entry: "${first}" is already its none start event; remove "${id}" or join the two paths with a gateway.`,
    );
  }
  const reached = new Set<string>(graph.startIds);
  const pending = [...graph.startIds];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    for (const target of graph.edges.get(next) ?? []) {
      if (!reached.has(target)) {
        reached.add(target);
        pending.push(target);
      }
    }
  }
  for (const id of graph.nodeIds) {
    if (!reached.has(id)) {
      sink.error(
        id,
        'UNREACHABLE_NODE',
        'No path from the start event leads here, so it never runs; connect it or delete it.',
      );
    }
  }
}
