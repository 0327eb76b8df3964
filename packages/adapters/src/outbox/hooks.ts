import type { CaseEvent } from '../runtime/engine.js';

/** One delivery of one event to one hook. */
export interface HookDelivery {
  /** Idempotency key, the same on every attempt: `caseId:seq:hook`. A receiver de-duplicates on it. */
  readonly key: string;
  /** Outbox row id: what `redrive` takes. */
  readonly outboxId: number;
  readonly hook: string;
  readonly caseId: string;
  /** Sequence number of the event within its case: deliveries of a case arrive in this order. */
  readonly seq: number;
  readonly event: CaseEvent;
  /** 1 on the first attempt. */
  readonly attempt: number;
  /**
   * Aborted when the attempt runs out of time (the dispatcher's `deliveryTimeoutMs`): pass it to
   * `fetch` and the like. The attempt counts as failed at that moment whether or not the hook stops.
   */
  readonly signal: AbortSignal;
}

/** A supervision hook: a named function that receives case events at least once, in order per case. */
export interface Hook {
  /** Stable name: stored in the outbox rows, so renaming a hook orphans its pending deliveries. */
  readonly name: string;
  /** Event types it subscribes to (e.g. `light.changed`); omitted: every event. */
  readonly events?: readonly string[];
  /** Delivers one event; throwing (or rejecting) means "retry later". */
  deliver(delivery: HookDelivery): Promise<void>;
}

/**
 * The hooks a host registers by name. The runtime reads subscriptions from it when it writes
 * outbox rows; the dispatcher calls `deliver`. Every process sharing a database should register
 * the same hooks.
 */
export class HookRegistry {
  readonly #hooks = new Map<string, Hook>();

  /** Adds a hook; a second hook with the same name is refused. */
  register(hook: Hook): this {
    if (this.#hooks.has(hook.name)) throw new Error(`hook ${hook.name} is already registered`);
    this.#hooks.set(hook.name, hook);
    return this;
  }

  /** The hook registered under `name`, if any. */
  get(name: string): Hook | undefined {
    return this.#hooks.get(name);
  }

  /** Names of the hooks subscribed to events of this type. */
  subscribers(eventType: string): string[] {
    const names: string[] = [];
    for (const hook of this.#hooks.values()) {
      if (hook.events === undefined || hook.events.includes(eventType)) names.push(hook.name);
    }
    return names;
  }

  /** Names of every registered hook. */
  names(): string[] {
    return [...this.#hooks.keys()];
  }
}
