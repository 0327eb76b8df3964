import { nodeStateId } from '@tongban/engine/internal';

/** The parts of an xstate state node the statechart view reads. */
export interface StateNodeLike {
  readonly key: string;
  readonly id: string;
  readonly type: string;
  readonly states: Readonly<Record<string, StateNodeLike>>;
}

export type StateValueLike = string | { readonly [key: string]: StateValueLike };

/** Ids of the state nodes a state value makes active (the root included). */
export function activeStateIds(root: StateNodeLike, value: StateValueLike | null): Set<string> {
  const active = new Set<string>();
  const walk = (node: StateNodeLike, v: StateValueLike): void => {
    active.add(node.id);
    if (typeof v === 'string') {
      const child = node.states[v];
      if (child) active.add(child.id);
      return;
    }
    for (const [key, sub] of Object.entries(v)) {
      const child = node.states[key];
      if (child) walk(child, sub);
    }
  };
  if (value !== null) walk(root, value);
  return active;
}

/** The state node of a BPMN element (e.g. a selected subprocess), or null. */
export function findElementState(root: StateNodeLike, elementId: string): StateNodeLike | null {
  // The compiler owns state ids: ask it rather than rebuild its escape here.
  const id = nodeStateId(elementId);
  const search = (node: StateNodeLike): StateNodeLike | null => {
    if (node.id === id) return node;
    for (const child of Object.values(node.states)) {
      const found = search(child);
      if (found) return found;
    }
    return null;
  };
  return search(root);
}
