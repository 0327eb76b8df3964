import {
  type AnyActorScope,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  createActor,
  type EventObject,
  type StateValue,
} from 'xstate';

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
  /** Resolved snapshots by state value (JSON), without their context: see {@link pureResolveState}. */
  readonly resolved: Map<string, AnyMachineSnapshot>;
}

const RESOLVED_CACHE_LIMIT = 512;

const scopes = new WeakMap<AnyStateMachine, Scope>();

function scopeFor(machine: AnyStateMachine): Scope {
  let entry = scopes.get(machine);
  if (entry === undefined) {
    const self = createActor(machine);
    const holder: Scope = {
      actions: [],
      resolved: new Map(),
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
  const key = JSON.stringify(value);
  let base = entry.resolved.get(key);
  if (base === undefined) {
    base = machine.resolveState({ value, context: {} }) as AnyMachineSnapshot;
    if (entry.resolved.size >= RESOLVED_CACHE_LIMIT) entry.resolved.clear();
    entry.resolved.set(key, base);
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
  const snapshot = machine.getInitialSnapshot(entry.scope, input) as AnyMachineSnapshot;
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
  const next = machine.transition(snapshot, event, entry.scope) as AnyMachineSnapshot;
  return [next, entry.actions];
}
