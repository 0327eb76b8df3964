import { type Instant, type ServiceHandler, TongbanError } from '@tongban/engine';
import { sql } from 'drizzle-orm';
import { OutboxDispatcher } from '../outbox/dispatcher.js';
import type { HookRegistry } from '../outbox/hooks.js';
import type { DurableRuntime } from '../runtime/durable-runtime.js';
import { ServiceWorker } from '../services/service-worker.js';
import { TimerWorker } from '../timers/timer-worker.js';
import type { ManualClock } from './manual-clock.js';

/** `advanceTo` was asked to move time backwards, or a worker failed on the way. */
export class TimeSkippingError extends TongbanError {
  readonly code: 'CLOCK_BACKWARDS' | 'WORKER_FAILED';
  constructor(code: TimeSkippingError['code'], message: string, options?: { cause?: unknown }) {
    super(message);
    this.code = code;
    if (options?.cause !== undefined) Object.defineProperty(this, 'cause', { value: options.cause });
  }
}

/** Options of {@link TimeSkipping}. */
export interface TimeSkippingOptions {
  /** The runtime whose timers fire; its `clock` must be `clock.now`. */
  readonly runtime: DurableRuntime;
  readonly clock: ManualClock;
  /** Hooks to deliver outbox rows to (default: the runtime's hooks; none: hooks are not delivered). */
  readonly hooks?: HookRegistry;
  /** Host handlers for service tasks, run at each instant time stops at (default: none). */
  readonly handlers?: Readonly<Record<string, ServiceHandler>>;
}

/** What one {@link TimeSkipping.advanceTo} did. */
export interface AdvanceResult {
  /** Where the clock stands now. */
  readonly now: Instant;
  /** Timers fired (or closed because the engine refused them), in due order. */
  readonly timersFired: number;
  /** Hook deliveries made (successful ones). */
  readonly hooksDelivered: number;
  /** Service tasks handed to their handlers. */
  readonly servicesRun: number;
}

/**
 * Time skipping for the durable runtime, like Temporal's test environment: instead of waiting for
 * the wall clock, {@link TimeSkipping.advanceTo} jumps a {@link ManualClock} from one due timer to
 * the next, firing each at its own due instant through a real {@link TimerWorker} (so light
 * changes, boundary timers and timeout actions happen exactly as in production), running service
 * handlers and delivering hooks (through a real {@link OutboxDispatcher}, retries included) at
 * every instant it stops at. For tests, demos and simulations; production runs the workers.
 */
export class TimeSkipping {
  readonly #runtime: DurableRuntime;
  readonly #clock: ManualClock;
  readonly #timers: TimerWorker;
  readonly #dispatcher: OutboxDispatcher | null;
  readonly #services: ServiceWorker | null;
  #failure: unknown = undefined;

  constructor(options: TimeSkippingOptions) {
    this.#runtime = options.runtime;
    this.#clock = options.clock;
    const onError = (error: unknown): void => {
      this.#failure ??= error;
    };
    this.#timers = new TimerWorker(options.runtime, { workerId: 'time-skipping', onError });
    const hooks = options.hooks ?? options.runtime.hooks;
    this.#dispatcher =
      hooks === undefined
        ? null
        : new OutboxDispatcher({
            store: options.runtime.store,
            hooks,
            clock: options.clock.now,
            workerId: 'time-skipping',
            onError: () => {}, // a failed delivery is retried with backoff, as in production
          });
    this.#services =
      options.handlers === undefined
        ? null
        : new ServiceWorker(options.runtime, {
            handlers: options.handlers,
            workerId: 'time-skipping',
            onError,
          });
  }

  /** The clock's current instant. */
  now(): Instant {
    return this.#clock.now();
  }

  /**
   * Moves time to `target`, firing every timer due by then in due order (each at its own instant,
   * including timers that those firings set) and, at each instant, running service handlers and
   * delivering the hooks that are due. Rejects with {@link TimeSkippingError} `CLOCK_BACKWARDS`
   * for a target before the clock, or `WORKER_FAILED` when firing a timer or a handler's command
   * failed for a reason other than the engine's refusal (e.g. the database).
   */
  async advanceTo(target: Instant): Promise<AdvanceResult> {
    if (target < this.#clock.now()) {
      throw new TimeSkippingError(
        'CLOCK_BACKWARDS',
        `cannot advance to ${new Date(target).toISOString()}: the clock is already at ${new Date(this.#clock.now()).toISOString()}`,
      );
    }
    let timersFired = 0;
    let hooksDelivered = 0;
    let servicesRun = 0;
    for (;;) {
      const settled = await this.#settle();
      hooksDelivered += settled.hooks;
      servicesRun += settled.services;
      const next = await this.#nextInstant();
      if (next === null || next > target) break;
      this.#clock.set(next);
      const fired = await this.#timers.runOnce();
      this.#throwFailure();
      timersFired += fired;
    }
    this.#clock.set(target);
    const settled = await this.#settle();
    return {
      now: this.#clock.now(),
      timersFired,
      hooksDelivered: hooksDelivered + settled.hooks,
      servicesRun: servicesRun + settled.services,
    };
  }

  /** Runs service handlers and delivers hooks at the current instant until nothing is left to do. */
  async #settle(): Promise<{ hooks: number; services: number }> {
    let hooks = 0;
    let services = 0;
    for (;;) {
      const ran = this.#services === null ? 0 : await this.#services.runOnce();
      this.#throwFailure();
      const round =
        this.#dispatcher === null ? { delivered: 0, failed: 0 } : await this.#dispatcher.runOnce();
      services += ran;
      hooks += round.delivered;
      if (ran === 0 && round.delivered + round.failed === 0) return { hooks, services };
    }
  }

  /** The earliest instant something is due: a pending timer, or a hook delivery waiting to be retried. */
  async #nextInstant(): Promise<Instant | null> {
    const now = this.#clock.now();
    const outbox =
      this.#dispatcher === null
        ? sql`null::bigint`
        : sql`(select min(next_attempt_at) from outbox where delivered_at is null and not parked and next_attempt_at > ${now}::bigint)`;
    const [row] = await this.#runtime.store.query<{ at: string | number | null }>(
      // A timer leased by a worker that has not fired it becomes claimable when the lease runs out.
      sql`select least((select min(greatest(due_at, coalesce(lease_until + 1, due_at))) from timers
        where fired_at is null), ${outbox}) as at`,
    );
    return row?.at === null || row?.at === undefined ? null : Math.max(now, Number(row.at));
  }

  #throwFailure(): void {
    const failure = this.#failure;
    if (failure === undefined) return;
    this.#failure = undefined;
    throw new TimeSkippingError(
      'WORKER_FAILED',
      `a worker failed while skipping time: ${failure instanceof Error ? failure.message : String(failure)}`,
      { cause: failure },
    );
  }
}
