import type { Diagnostic } from '../model/diagnostics.js';
import type { Scope } from '../model/process.js';
import type { RegionPlan } from './structure.js';

/**
 * Checks that need the block plan: every flow stays in its region, leaves it through the region's
 * join, or jumps back out to an enclosing region (退回 out of a parallel stage). A flow into the
 * middle of another branch, or into a join from the wrong branch, has no statechart meaning.
 */
export function checkFlowsAgainstPlan(scope: Scope, plan: RegionPlan): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const regionOf = new Map<string, RegionPlan>();
  const parentOf = new Map<RegionPlan, RegionPlan | null>();
  const joins = new Set<string>();
  const splitBranches = new Map<string, RegionPlan[]>();
  const index = (region: RegionPlan, parent: RegionPlan | null): void => {
    parentOf.set(region, parent);
    for (const id of region.nodeIds) regionOf.set(id, region);
    for (const block of region.blocks) {
      if (block.joinId !== null) {
        joins.add(block.joinId);
        regionOf.set(block.joinId, region);
      }
      splitBranches.set(
        block.splitId,
        block.branches.map((b) => b.region),
      );
      for (const branch of block.branches) index(branch.region, region);
    }
    for (const side of Object.values(region.sidePaths)) index(side, region);
  };
  index(plan, null);

  const isAncestor = (ancestor: RegionPlan, of: RegionPlan): boolean => {
    for (let r: RegionPlan | null | undefined = of; r; r = parentOf.get(r)) if (r === ancestor) return true;
    return false;
  };

  for (const flow of Object.values(scope.flows)) {
    const from = regionOf.get(flow.source);
    const to = regionOf.get(flow.target);
    if (!from || !to) continue;
    if (flow.target === from.exitNodeId) continue;
    if (splitBranches.get(flow.source)?.includes(to)) continue;
    if (joins.has(flow.target) && to !== from) {
      diagnostics.push({
        elementId: flow.id,
        code: 'UNSTRUCTURED_GATEWAY',
        message: `Flow "${flow.id}" enters join "${flow.target}" from outside the branches it closes: route it through its own branch's end.`,
        severity: 'error',
      });
      continue;
    }
    if (to === from || isAncestor(to, from)) continue;
    diagnostics.push({
      elementId: flow.id,
      code: 'BAD_LOOP_TARGET',
      message: `Flow "${flow.id}" jumps from "${flow.source}" into the middle of another branch at "${flow.target}": a flow may go back only to a step outside the parallel stage it is in.`,
      severity: 'error',
    });
  }

  for (const node of Object.values(scope.nodes)) {
    if (node.kind === 'gateway' && node.gatewayType !== 'exclusive' && node.incoming.length > 1) {
      if (node.outgoing.length > 1) {
        diagnostics.push({
          elementId: node.id,
          code: 'MIXED_GATEWAY',
          message: `Gateway "${node.name ?? node.id}" both joins and splits: use one gateway to join and another to split.`,
          severity: 'error',
        });
      } else if (!joins.has(node.id) && regionOf.has(node.id)) {
        diagnostics.push({
          elementId: node.id,
          code: 'UNSTRUCTURED_GATEWAY',
          message: `The ${node.gatewayType} join "${node.name ?? node.id}" closes no ${node.gatewayType} split: it would wait for ever. Use an exclusive gateway to merge alternative paths.`,
          severity: 'error',
        });
      }
    }
    const isEnd = node.kind === 'endEvent';
    if (!isEnd && node.kind !== 'boundaryEvent' && node.outgoing.length === 0) {
      diagnostics.push({
        elementId: node.id,
        code: 'DEAD_END',
        message: `"${node.name ?? node.id}" has no outgoing flow: connect it to the next step or to an end event.`,
        severity: 'error',
      });
    }
    if (node.kind === 'boundaryEvent' && node.outgoing.length === 0) {
      diagnostics.push({
        elementId: node.id,
        code: 'DEAD_END',
        message: `Boundary event "${node.name ?? node.id}" has no outgoing flow: connect it to what should happen when it fires.`,
        severity: 'error',
      });
    }
    if (node.kind !== 'gateway' && node.kind !== 'boundaryEvent' && node.outgoing.length > 1) {
      diagnostics.push({
        elementId: node.id,
        code: 'UNSTRUCTURED_GATEWAY',
        message: `"${node.name ?? node.id}" has ${node.outgoing.length} outgoing flows: split with an explicit gateway instead.`,
        severity: 'error',
      });
    }
  }
  return diagnostics;
}
