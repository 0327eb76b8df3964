import type { Diagnostic } from '../model/diagnostics.js';
import type { FlowNode, ProcessModel, Scope, UserTaskNode } from '../model/process.js';
import type { RegionPlan } from './structure.js';

/**
 * Checks of the matter's design rather than of BPMN structure (warnings: the model still runs):
 * a parallel stage has one lead (一家牵头); a co-handler in a stage has a limit to answer within;
 * the step limits along a path fit in the matter's promised limit (限时办结).
 */
export function checkDomain(model: ProcessModel, plans: ReadonlyMap<string, RegionPlan>): Diagnostic[] {
  // The rules are a matter's (事项): a model without tb: matter attributes is not held to them.
  if (model.matter === null) return [];
  const diagnostics: Diagnostic[] = [];
  const visit = (scope: Scope): void => {
    const plan = plans.get(scope.id);
    if (plan) checkStages(scope, plan, diagnostics);
    for (const node of Object.values(scope.nodes)) if (node.kind === 'subProcess') visit(node.scope);
  };
  visit(model.root);
  diagnostics.push(...checkPromise(model));
  return diagnostics;
}

const label = (node: FlowNode): string => node.name ?? node.id;

/** User tasks of a stage, its nested stages' included (direct ones first, then each nested stage's). */
function stageTasks(scope: Scope, region: RegionPlan, into: UserTaskNode[] = []): UserTaskNode[] {
  for (const id of region.nodeIds) {
    const node = scope.nodes[id];
    if (node?.kind === 'userTask') into.push(node);
  }
  for (const block of region.blocks)
    for (const branch of block.branches) stageTasks(scope, branch.region, into);
  return into;
}

/** Checks the outermost parallel stages of a region (a nested split is part of its stage's work). */
function checkStages(scope: Scope, region: RegionPlan, out: Diagnostic[]): void {
  for (const block of region.blocks) {
    if (block.gatewayType !== 'parallel') {
      for (const branch of block.branches) checkStages(scope, branch.region, out);
      continue;
    }
    const tasks: UserTaskNode[] = [];
    for (const branch of block.branches) stageTasks(scope, branch.region, tasks);
    const leads = tasks.filter((t) => t.role === 'lead');
    if (tasks.length > 0 && leads.length !== 1) {
      out.push({
        elementId: block.splitId,
        code: 'STAGE_LEADS',
        message:
          leads.length === 0
            ? `The parallel stage opened by "${block.splitId}" has no lead-department task: give one task tb:role="lead" (一家牵头).`
            : `The parallel stage opened by "${block.splitId}" has ${leads.length} lead-department tasks (${leads.map(label).join(', ')}): a stage has exactly one lead (一家牵头).`,
        severity: 'warning',
        params: { leads: leads.length, field: 'role' },
      });
    }
    for (const task of tasks) {
      if (task.role === 'co' && task.limit === null) {
        out.push({
          elementId: task.id,
          code: 'CO_STAGE_NO_LIMIT',
          message: `Co-handling task "${label(task)}" in a parallel stage has no tb:timeLimit, so its deadline cannot be counted: give it one, e.g. 7 working days.`,
          severity: 'warning',
          params: { field: 'timeLimit' },
        });
      }
    }
  }
  for (const side of Object.values(region.sidePaths)) checkStages(scope, side, out);
}

/** Working days a node can take at most (its own limit, or the longest path through a subprocess). */
function nodeDays(node: FlowNode): number {
  if (node.kind === 'userTask') return node.limit?.unit === 'workingDays' ? node.limit.amount : 0;
  if (node.kind === 'subProcess') return longestPath(node.scope).days;
  return 0;
}

/** A path as a chain: each node's longest path shares its successor's instead of copying it. */
interface PathLink {
  readonly id: string;
  readonly rest: PathLink | null;
}

/**
 * The path from the start event with the most working days of step limits. Loops back (退回) are
 * left out: they repeat steps already counted; boundary paths are exceptions, not the plan.
 */
function longestPath(scope: Scope): { days: number; path: string[] } {
  const memo = new Map<string, { days: number; path: PathLink | null }>();
  const onStack = new Set<string>();
  const walk = (id: string): { days: number; path: PathLink | null } => {
    const known = memo.get(id);
    if (known) return known;
    const node = scope.nodes[id];
    if (!node) return { days: 0, path: null };
    onStack.add(id);
    let best: { days: number; path: PathLink | null } = { days: 0, path: null };
    for (const flowId of node.outgoing) {
      const target = scope.flows[flowId]?.target;
      if (target === undefined || onStack.has(target)) continue;
      const next = walk(target);
      if (next.days > best.days) best = next;
    }
    onStack.delete(id);
    const days = nodeDays(node);
    const result = { days: best.days + days, path: days > 0 ? { id, rest: best.path } : best.path };
    memo.set(id, result);
    return result;
  };
  const starts = Object.values(scope.nodes).filter((n) => n.kind === 'startEvent');
  let best: { days: number; path: PathLink | null } = { days: 0, path: null };
  for (const start of starts) {
    const found = walk(start.id);
    if (found.days > best.days) best = found;
  }
  const path: string[] = [];
  for (let link = best.path; link !== null; link = link.rest) path.push(link.id);
  return { days: best.days, path };
}

function checkPromise(model: ProcessModel): Diagnostic[] {
  const promised = model.matter?.promisedLimit ?? model.matter?.legalLimit ?? null;
  if (promised === null || promised.unit !== 'workingDays') return [];
  const { days, path } = longestPath(model.root);
  if (days <= promised.amount) return [];
  const names = path.map((id) => {
    const node = model.root.nodes[id];
    return node ? label(node) : id;
  });
  return [
    {
      elementId: model.id,
      code: 'LIMITS_EXCEED_PROMISE',
      message: `The step limits along ${names.join(' → ')} add up to ${days} working days, more than the matter's promised ${promised.amount}: shorten the steps or change tb:promisedLimit.`,
      severity: 'warning',
      params: { total: days, promised: promised.amount, path: names.join(' → '), field: 'promisedLimit' },
    },
  ];
}
