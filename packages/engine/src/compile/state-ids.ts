/**
 * State keys and ids derived from BPMN element ids. BPMN ids may hold characters that xstate reads
 * as path syntax (`.`, `#`), so anything outside `[A-Za-z0-9_-]` is escaped reversibly.
 */
export function stateKey(elementId: string): string {
  return elementId.replace(/[^A-Za-z0-9_-]/g, (c) => `$${c.codePointAt(0)!.toString(16)}$`);
}

/** Global xstate id of the state for a BPMN node. */
export function nodeStateId(elementId: string): string {
  return `n:${stateKey(elementId)}`;
}

/** Target string for a transition to a BPMN node's state, wherever it is in the tree. */
export function nodeTarget(elementId: string): string {
  return `#${nodeStateId(elementId)}`;
}

/** Id of the parallel state that holds a split's branches. */
export function blockStateId(splitId: string): string {
  return `b:${stateKey(splitId)}`;
}

/** Id of the final state a branch (or side path) reaches when it is done. */
export function regionDoneId(ownerId: string, index: number): string {
  return `d:${stateKey(ownerId)}:${index}`;
}

/** Id of the final state a terminate end event jumps to, per scope. */
export function terminatedStateId(scopeId: string): string {
  return `t:${stateKey(scopeId)}`;
}

export const ROOT_COMPLETED = 'completed';
export const ROOT_TERMINATED = 'terminated';
export const ROOT_WITHDRAWN = 'withdrawn';
export const ROOT_FAILED = 'failed';
export const ROOT_NO_FLOW = 'noFlow';
export const ROOT_RETURNED = 'returned';
export const ROOT_REFUSED = 'refused';
