import type { RegionPlan } from './structure.js';

/** Where an element sits: its scope, and per enclosing parallel stage which branch (`split/k`). */
export interface StagePlace {
  readonly scope: string;
  /** One entry per enclosing fork/join block, outermost first: `${splitId}/${branchIndex}`. */
  readonly path: readonly string[];
}

/** The stage index the compiler builds once per definition, from the same plans as the statechart. */
export interface StageIndex {
  /** The split ids of each node's enclosing fork/join blocks, outermost first. */
  readonly stages: ReadonlyMap<string, readonly string[]>;
  /** Each node's scope and branch path (撤回 finds what lies downstream in the same branch). */
  readonly places: ReadonlyMap<string, StagePlace>;
}

/** Indexes every node of every scope's plan (`plans` keyed by scope id). */
export function indexStagePlaces(plans: ReadonlyMap<string, RegionPlan>): StageIndex {
  const stages = new Map<string, readonly string[]>();
  const places = new Map<string, StagePlace>();
  const walk = (
    scope: string,
    region: RegionPlan,
    enclosing: readonly string[],
    path: readonly string[],
  ): void => {
    for (const id of region.nodeIds) {
      stages.set(id, enclosing);
      places.set(id, { scope, path });
    }
    for (const block of region.blocks) {
      block.branches.forEach((branch, k) => {
        walk(scope, branch.region, [...enclosing, block.splitId], [...path, `${block.splitId}/${k}`]);
      });
    }
    for (const side of Object.values(region.sidePaths)) walk(scope, side, enclosing, path);
  };
  for (const [scope, plan] of plans) walk(scope, plan, [], []);
  return { stages, places };
}
