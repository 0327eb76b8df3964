import type { ModdleElement } from 'bpmn-moddle';
import { elementId, readElement } from './moddle-read.js';

/** The id a reference names, or `?` when it names nothing. */
function endId(flow: ModdleElement, property: string): string {
  const end = readElement(flow, property);
  return (end === null ? null : elementId(end)) ?? '?';
}

/**
 * Ids for a scope's sequence flows, in order. Flowable and Activiti write flows without an id; such
 * a flow is named after its ends, `S->T` (then `S->T#2`, … for more between the same two nodes, in
 * document order), so the name is stable across imports and says where the flow goes. Nothing can
 * refer to an id-less flow, so the generated name only has to be unique in the scope.
 */
export function sequenceFlowIds(flows: readonly ModdleElement[], nodeIds: ReadonlySet<string>): string[] {
  const taken = new Set(nodeIds);
  for (const flow of flows) {
    const id = elementId(flow);
    if (id !== null) taken.add(id);
  }
  return flows.map((flow) => {
    const id = elementId(flow);
    if (id !== null) return id;
    const base = `${endId(flow, 'sourceRef')}->${endId(flow, 'targetRef')}`;
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}#${n}`;
    taken.add(name);
    return name;
  });
}
