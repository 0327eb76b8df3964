import type { CompiledDefinition, FlowNode, SequenceFlow } from '@tongban/engine';

/** An outcome a task's next gateway tests for (`=outcome = "deny"`), with the flow's name. */
export interface ModelOutcome {
  readonly outcome: string;
  readonly label: string;
}

const OUTCOME_TEST = /\boutcome\s*=\s*"([^"]+)"/g;

/**
 * The outcomes the model branches on after a task: the string literals its following gateways
 * compare `outcome` with, named by their flows (e.g. 不予许可 → `deny`). Lets the dry run choose
 * each branch with the very value the model tests, instead of guessing words.
 */
export function outcomesAfter(definition: CompiledDefinition, elementId: string): ModelOutcome[] {
  const flows = new Map<string, SequenceFlow>();
  const nodes = definition.nodes;
  const scopes = [definition.model.root];
  for (let scope = scopes.pop(); scope; scope = scopes.pop()) {
    for (const flow of Object.values(scope.flows)) flows.set(flow.id, flow);
    for (const node of Object.values(scope.nodes)) if (node.kind === 'subProcess') scopes.push(node.scope);
  }
  const found = new Map<string, string>();
  const task = nodes.get(elementId);
  const visit = (node: FlowNode | undefined, depth: number): void => {
    if (!node || depth > 3) return;
    for (const flowId of node.outgoing) {
      const flow = flows.get(flowId);
      if (!flow) continue;
      for (const match of (flow.condition ?? '').matchAll(OUTCOME_TEST)) {
        const value = match[1];
        if (value !== undefined && !found.has(value)) found.set(value, flow.name ?? value);
      }
      const next = nodes.get(flow.target);
      if (next?.kind === 'gateway') visit(next, depth + 1);
    }
  };
  if (task)
    for (const flowId of task.outgoing) {
      const next = nodes.get(flows.get(flowId)?.target ?? '');
      if (next?.kind === 'gateway') visit(next, 1);
    }
  return [...found].map(([outcome, label]) => ({ outcome, label }));
}

/**
 * `name=value` pairs (comma or newline separated) as case variables: numbers, true/false and
 * quoted or bare strings. Returns the pairs that do not read as `name=value` too.
 */
export function parseVariables(text: string): {
  variables: Record<string, string | number | boolean>;
  bad: string[];
} {
  const variables: Record<string, string | number | boolean> = {};
  const bad: string[] = [];
  for (const part of text.split(/[,，;\n]/)) {
    const item = part.trim();
    if (item === '') continue;
    const m = /^([A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff]*)\s*[=＝]\s*(.*)$/.exec(item);
    if (!m || m[1] === undefined) {
      bad.push(item);
      continue;
    }
    const raw = (m[2] ?? '').trim();
    variables[m[1]] =
      raw === 'true'
        ? true
        : raw === 'false'
          ? false
          : /^-?\d+(\.\d+)?$/.test(raw)
            ? Number(raw)
            : raw.replace(/^"(.*)"$/, '$1');
  }
  return { variables, bad };
}
