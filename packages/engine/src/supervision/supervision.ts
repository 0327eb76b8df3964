import type { CaseEvent } from '../model/events.js';
import type { Light } from '../model/snapshot.js';
import type { SupervisionKind } from '../model/supervision-kind.js';
import { type PayloadContext, type SupervisionPayload, supervisionPayload } from './payload.js';

/** Narrows a subscription; every field given must match (a list matches any of its values). */
export interface SupervisionFilter {
  /** 事项 code(s). */
  readonly matter?: string | readonly string[];
  /** Department(s) concerned. */
  readonly department?: string | readonly string[];
  /** Province, city or county name(s): matches any level of the case's region. */
  readonly region?: string | readonly string[];
  /** The light after the event (e.g. `red` for yellow→red only). */
  readonly light?: Light | readonly Light[];
  /** Case clock or task clock. */
  readonly clock?: 'case' | 'task';
}

/** A handler; a returned promise is awaited by {@link Supervision.publish}. */
export type SupervisionHandler = (payload: SupervisionPayload) => void | Promise<void>;

/** Something that emits case events to a listener (e.g. `MemoryRuntime`). */
export interface CaseEventSource {
  subscribe(listener: (event: CaseEvent) => void): () => void;
}

interface Subscription {
  readonly kind: SupervisionKind | '*';
  readonly handler: SupervisionHandler;
  readonly filter: SupervisionFilter;
}

const anyOf = <T>(wanted: T | readonly T[] | undefined, value: T | null | undefined): boolean => {
  if (wanted === undefined) return true;
  if (value === null || value === undefined) return false;
  return Array.isArray(wanted) ? (wanted as readonly T[]).includes(value) : wanted === value;
};

/** Whether a payload passes a filter. */
export function matchesFilter(payload: SupervisionPayload, filter: SupervisionFilter): boolean {
  if (!anyOf(filter.matter, payload.matter?.code)) return false;
  if (!anyOf(filter.department, payload.department)) return false;
  if (!anyOf(filter.light, payload.light)) return false;
  if (filter.clock !== undefined && filter.clock !== payload.clock) return false;
  if (filter.region !== undefined) {
    const region = payload.region;
    const levels = [region?.province, region?.city, region?.county];
    if (!levels.some((level) => anyOf(filter.region, level))) return false;
  }
  return true;
}

/**
 * The supervisor's subscription API (电子监察 hooks). Feed it engine events (from
 * `MemoryRuntime.subscribe`, the durable runtime's outbox, or a stored history) and it calls the
 * handlers subscribed to each event's supervision kind whose filter matches:
 *
 * ```ts
 * const supervision = new Supervision();
 * supervision.on('light.changed', (p) => alert(p), { light: 'red', department: '住建局' });
 * supervision.attach(runtime, (event) => ({ definition, snapshot: runtime.snapshot(event.caseId) }));
 * ```
 */
export class Supervision {
  readonly #subscriptions = new Set<Subscription>();
  readonly #onError: (error: unknown, payload: SupervisionPayload) => void;

  /** `onError` receives what handlers throw when fed through {@link Supervision.attach}. */
  constructor(options: { readonly onError?: (error: unknown, payload: SupervisionPayload) => void } = {}) {
    this.#onError = options.onError ?? ((error) => console.error('tongban supervision handler:', error));
  }

  /** Subscribes `handler` to one kind (or `*` for all), optionally filtered. Returns an unsubscribe. */
  on(kind: SupervisionKind | '*', handler: SupervisionHandler, filter: SupervisionFilter = {}): () => void {
    const subscription: Subscription = { kind, handler, filter };
    this.#subscriptions.add(subscription);
    return () => {
      this.#subscriptions.delete(subscription);
    };
  }

  /** Number of handlers subscribed. */
  get size(): number {
    return this.#subscriptions.size;
  }

  /**
   * Maps an engine event to its payload and calls the matching handlers in subscription order,
   * awaiting each. Resolves with the payload (null if supervisors do not watch the event); rejects
   * with the first handler error, so a durable hook retries the delivery.
   */
  async publish(event: CaseEvent, context: PayloadContext = {}): Promise<SupervisionPayload | null> {
    const payload = supervisionPayload(event, context);
    if (payload !== null) await this.dispatch(payload);
    return payload;
  }

  /**
   * Calls the handlers matching an already built payload (e.g. a `rule.fired`), in subscription
   * order. Synchronous handlers run before this returns; a handler's promise is awaited before
   * the next handler runs.
   */
  dispatch(payload: SupervisionPayload): Promise<void> {
    let chain: Promise<void> | null = null;
    for (const subscription of [...this.#subscriptions]) {
      if (subscription.kind !== '*' && subscription.kind !== payload.kind) continue;
      if (!matchesFilter(payload, subscription.filter)) continue;
      if (chain !== null) {
        chain = chain.then(() => subscription.handler(payload));
        continue;
      }
      try {
        const result = subscription.handler(payload);
        if (result instanceof Promise) chain = result;
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return chain ?? Promise.resolve();
  }

  /**
   * Feeds every event of `source` (e.g. a `MemoryRuntime`) through {@link Supervision.publish},
   * with the context `contextOf` gives for it. Handler errors go to `onError`. Returns an
   * unsubscribe.
   */
  attach(source: CaseEventSource, contextOf: (event: CaseEvent) => PayloadContext = () => ({})): () => void {
    return source.subscribe((event) => {
      const context = contextOf(event);
      const payload = supervisionPayload(event, context);
      if (payload === null) return;
      this.dispatch(payload).catch((error: unknown) => this.#onError(error, payload));
    });
  }
}
