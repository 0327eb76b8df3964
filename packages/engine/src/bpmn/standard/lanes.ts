import type { ModdleElement } from 'bpmn-moddle';
import { readElement, readList } from '../moddle-read.js';

/**
 * The innermost lane of every flow node that sits in one, for a process and its subprocesses. A
 * lane is BPMN's standard way of saying who does the work; Tongban reads it as a department.
 */
export function lanesByNode(process: ModdleElement): ReadonlyMap<ModdleElement, ModdleElement> {
  const byNode = new Map<ModdleElement, ModdleElement>();
  // Outer lanes first, so that a nested lane's entries overwrite its parent's: the innermost wins.
  const pending: ModdleElement[] = [];
  const containers = [process];
  for (let container = containers.pop(); container !== undefined; container = containers.pop()) {
    for (const set of readList(container, 'laneSets')) pending.push(...readList(set, 'lanes'));
    for (const element of readList(container, 'flowElements')) {
      if (element.$type === 'bpmn:SubProcess') containers.push(element);
    }
  }
  for (let index = 0; index < pending.length; index += 1) {
    const lane = pending[index];
    if (lane === undefined) continue;
    for (const node of readList(lane, 'flowNodeRef')) byNode.set(node, lane);
    const child = readElement(lane, 'childLaneSet');
    if (child !== null) pending.push(...readList(child, 'lanes'));
  }
  return byNode;
}
