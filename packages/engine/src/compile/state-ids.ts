/**
 * Statechart addresses: every state key and id the compiler gives the machine, derived from BPMN
 * element ids. The compiler owns them; the runtime and the designer ask here instead of rebuilding
 * strings. BPMN ids may hold characters that xstate reads as path syntax (`.`, `#`), so anything
 * outside `[A-Za-z0-9_-]` is escaped reversibly.
 */
export function stateKey(elementId: string): string {
  return elementId.replace(/[^A-Za-z0-9_-]/g, (c) => `$${c.codePointAt(0)!.toString(16)}$`);
}

const blockKeys = new Map<string, string>();
/**
 * Key of the parallel state holding a split's branches, beside the split's own state (cached: the
 * runtime asks for it on every command).
 */
export function blockKey(splitId: string): string {
  let key = blockKeys.get(splitId);
  if (key === undefined) {
    key = `${stateKey(splitId)}__block`;
    blockKeys.set(splitId, key);
  }
  return key;
}

/** Key of a block's branch region `n` (1-based) inside the block's parallel state. */
export function branchKey(n: number): string {
  return `r${n}`;
}

/** Key of a region's final state: `index` 0 for a scope's top region, n for branch n. */
export function regionDoneKey(index: number): string {
  return `done_${index}`;
}

/** Key of the final state of the branch region keyed `branch` (see {@link branchKey}). */
export function branchDoneKey(branch: string): string {
  return regionDoneKey(Number(branch.slice(1)));
}

/** Key of a subprocess scope's terminated final state. */
export function terminatedKey(scopeId: string): string {
  return `t_${stateKey(scopeId)}`;
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
