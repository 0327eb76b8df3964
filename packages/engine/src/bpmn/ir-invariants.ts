import type { FlowNode, ProcessModel, Scope } from '../model/process.js';

function hostBoundaries(node: FlowNode): readonly string[] | null {
  return node.kind === 'userTask' || node.kind === 'serviceTask' || node.kind === 'subProcess'
    ? node.boundaries
    : null;
}

function scopeProblems(scope: Scope): string[] {
  const problems: string[] = [];
  for (const flow of Object.values(scope.flows)) {
    const source = scope.nodes[flow.source];
    const target = scope.nodes[flow.target];
    if (source === undefined || !source.outgoing.includes(flow.id)) problems.push(`${flow.id}: bad source`);
    if (target === undefined || !target.incoming.includes(flow.id)) problems.push(`${flow.id}: bad target`);
  }
  for (const node of Object.values(scope.nodes)) {
    for (const id of node.outgoing)
      if (scope.flows[id]?.source !== node.id) problems.push(`${node.id}: outgoing ${id}`);
    for (const id of node.incoming)
      if (scope.flows[id]?.target !== node.id) problems.push(`${node.id}: incoming ${id}`);
    if (node.kind === 'gateway' && node.defaultFlow !== null && !node.outgoing.includes(node.defaultFlow)) {
      problems.push(`${node.id}: default ${node.defaultFlow}`);
    }
    if (node.kind === 'boundaryEvent') {
      const host = scope.nodes[node.attachedTo];
      if (host === undefined || !hostBoundaries(host)?.includes(node.id)) problems.push(`${node.id}: host`);
    }
    for (const id of hostBoundaries(node) ?? []) {
      const boundary = scope.nodes[id];
      if (boundary?.kind !== 'boundaryEvent' || boundary.attachedTo !== node.id)
        problems.push(`${node.id}: boundary ${id}`);
    }
    if (node.kind === 'subProcess') problems.push(...scopeProblems(node.scope));
  }
  return problems;
}

/**
 * Checks that a model is closed: every id it mentions (flow ends, incoming/outgoing, boundaries,
 * default flows) names an element of the same scope. The importer guarantees this even for models
 * with errors; an empty list means the model is consistent.
 */
export function modelProblems(model: ProcessModel): string[] {
  return scopeProblems(model.root);
}
