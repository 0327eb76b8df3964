import {
  type AnyActorScope,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  createActor,
  type EventObject,
  type StateValue,
} from 'xstate';
import { takeConditionFault } from '../expr/index.js';

/**
 * xstate's `transition()` / `initialTransition()`, minus their per-call cost. Those build a
 * throw-away actor (and with it an initial snapshot) on every call; here one inert actor scope per
 * machine is made once and reused. The machine has no child actors and `step` is synchronous, so
 * nothing leaks from one call into the next. Like xstate's versions, these run no custom actions:
 * they return them, in order, for the caller to run.
 */
interface Scope {
  readonly scope: AnyActorScope;
  actions: unknown[];
  /** Resolved snapshots by state value, without their context: see {@link pureResolveState}. */
  resolved: ValueNode;
  /** How many snapshots `resolved` holds. */
  size: number;
}

/**
 * A trie over state values, walked in the value's own key order: an object is its keys, each
 * followed by its child, then an end mark; a leaf is its state name. Keys and leaves are kept apart,
 * so two different values never meet at one node. Walking it costs a few lookups of property names
 * (hashed once, when the snapshot's JSON was parsed), where a JSON text key would be built and
 * hashed anew on every command.
 */
interface ValueNode {
  readonly keys: Map<string, ValueNode>;
  readonly leaves: Map<string, ValueNode>;
  end: ValueNode | undefined;
  snapshot: AnyMachineSnapshot | undefined;
}

function valueNode(): ValueNode {
  return { keys: new Map(), leaves: new Map(), end: undefined, snapshot: undefined };
}

function childOf(map: Map<string, ValueNode>, name: string): ValueNode {
  let node = map.get(name);
  if (node === undefined) {
    node = valueNode();
    map.set(name, node);
  }
  return node;
}

/** The trie node of `value` below `node`, made on the way where missing. */
function nodeOf(node: ValueNode, value: StateValue): ValueNode {
  if (typeof value === 'string') return childOf(node.leaves, value);
  let at = node;
  for (const key in value) {
    const inner = value[key];
    if (inner === undefined) continue; // as JSON leaves it out
    at = nodeOf(childOf(at.keys, key), inner);
  }
  if (at.end === undefined) at.end = valueNode();
  return at.end;
}

const RESOLVED_CACHE_LIMIT = 512;

const scopes = new WeakMap<AnyStateMachine, Scope>();

function scopeFor(machine: AnyStateMachine): Scope {
  let entry = scopes.get(machine);
  if (entry === undefined) {
    const self = createActor(machine);
    const holder: Scope = {
      actions: [],
      resolved: valueNode(),
      size: 0,
      scope: {
        self,
        id: '',
        sessionId: '',
        system: self.system,
        logger: () => {},
        defer: () => {},
        emit: () => {},
        stopChild: () => {},
        actionExecutor: (action: unknown) => {
          holder.actions.push(action);
        },
      } as unknown as AnyActorScope,
    };
    entry = holder;
    scopes.set(machine, entry);
  }
  return entry;
}

/**
 * `machine.resolveState({ value, context })`, memoised on the state value: resolving a value to its
 * state nodes is the costly part and depends on the value alone, so a cached snapshot is reused
 * with the new context (snapshots are plain objects; xstate copies them the same way).
 */
export function pureResolveState(
  machine: AnyStateMachine,
  value: StateValue,
  context: unknown,
): AnyMachineSnapshot {
  const entry = scopeFor(machine);
  let node = nodeOf(entry.resolved, value);
  let base = node.snapshot;
  if (base === undefined) {
    base = machine.resolveState({ value, context: {} }) as AnyMachineSnapshot;
    if (entry.size >= RESOLVED_CACHE_LIMIT) {
      entry.resolved = valueNode();
      entry.size = 0;
      node = nodeOf(entry.resolved, value);
    }
    node.snapshot = base;
    entry.size += 1;
  }
  return { ...base, context } as AnyMachineSnapshot;
}

/** The initial snapshot for `input`, and the actions to run. */
export function pureInitialTransition(
  machine: AnyStateMachine,
  input: unknown,
): [AnyMachineSnapshot, unknown[]] {
  const entry = scopeFor(machine);
  entry.actions = [];
  takeConditionFault();
  const snapshot = machine.getInitialSnapshot(entry.scope, input) as AnyMachineSnapshot;
  // xstate catches an error of the initial transition and only marks the snapshot: rethrow it
  // (typed when a condition hit its limit) so that the command is refused, not half applied.
  if (snapshot.status === 'error') throw takeConditionFault() ?? snapshot.error;
  return [snapshot, entry.actions];
}

/** The snapshot after `event`, and the actions to run. */
export function pureTransition(
  machine: AnyStateMachine,
  snapshot: AnyMachineSnapshot,
  event: EventObject,
): [AnyMachineSnapshot, unknown[]] {
  const entry = scopeFor(machine);
  entry.actions = [];
  takeConditionFault();
  let next: AnyMachineSnapshot;
  try {
    next = machine.transition(snapshot, event, entry.scope) as AnyMachineSnapshot;
  } catch (error) {
    // xstate rethrows a guard's error as a plain Error: give the caller the typed one.
    throw takeConditionFault() ?? error;
  }
  return [next, entry.actions];
}
