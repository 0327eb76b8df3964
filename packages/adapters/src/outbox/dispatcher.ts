import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { HookTimeoutError } from '../errors.js';
import type { CaseEvent } from '../runtime/engine.js';
import type { OutboxRow } from '../runtime/reads.js';
import { outbox } from '../schema.js';
import type { TongbanStore } from '../store/store.js';
import { PollingLoop } from '../worker/loop.js';
import type { HookDelivery, HookRegistry } from './hooks.js';

/** Options of {@link OutboxDispatcher}. */
export interface OutboxDispatcherOptions {
  readonly store: TongbanStore;
  readonly hooks: HookRegistry;
  /** Name in `claimed_by` (default: a random id). */
  readonly workerId?: string;
  /** Deliveries claimed per round, and most deliveries in flight at once (default 100). */
  readonly batchSize?: number;
  /**
   * How long one delivery may take (default 20 s): then it counts as failed, its `signal` is
   * aborted, and it is retried with backoff. Other deliveries never wait for it.
   */
  readonly deliveryTimeoutMs?: number;
  /**
   * How long a claim holds before another dispatcher may retry it (default 30 s, and always at
   * least `deliveryTimeoutMs` + 10 s, so that no delivery is claimed twice while it runs).
   */
  readonly leaseMs?: number;
  /** Pause between rounds when nothing is ready (default 200 ms). */
  readonly pollMs?: number;
  /** Attempts before a delivery is parked (default 8). */
  readonly maxAttempts?: number;
  /** Pause before attempt n+1 after n failed attempts (default 1 s, doubling, at most 10 min). */
  readonly backoffMs?: (attempts: number) => number;
  /** The clock (default `Date.now`). */
  readonly clock?: () => number;
  /**
   * Called when a round fails (once per outage: failing rounds are then retried with backoff, from
   * `pollMs` doubling up to 30 s, without calling it again) or when one item fails; the worker
   * carries on (default: console.error).
   */
  readonly onError?: (error: unknown) => void;
  /** Called once when rounds work again after failing, with how many failed in a row. */
  readonly onRecover?: (failedRounds: number) => void;
}

/** What one round did. */
export interface DispatchRound {
  readonly delivered: number;
  readonly failed: number;
  readonly parked: number;
}

interface ClaimedRow {
  id: number;
  case_id: string;
  event_seq: number;
  hook: string;
  attempts: number;
  payload: CaseEvent;
}

const defaultBackoff = (attempts: number): number => Math.min(1000 * 2 ** (attempts - 1), 600_000);

type Result = 'delivered' | 'retry' | 'parked';

/**
 * Delivers outbox rows to the hooks registered in this process: at least once, in order per case
 * and hook, each with an idempotency key. Only the oldest undelivered row of each (case, hook) is
 * ever claimed, so a failing hook holds back later events of that case only, never other cases.
 * Deliveries are independent: each runs with its own timeout, and the running dispatcher claims
 * more as soon as any one finishes, so a slow or stuck delivery never delays another case's. A
 * failure is retried with backoff; after `maxAttempts` the row is parked (and holds back that case's
 * later events for that hook) until an operator calls {@link OutboxDispatcher.redrive}.
 */
export class OutboxDispatcher {
  readonly workerId: string;
  readonly #store: TongbanStore;
  readonly #hooks: HookRegistry;
  readonly #batchSize: number;
  readonly #leaseMs: number;
  readonly #timeoutMs: number;
  readonly #maxAttempts: number;
  readonly #backoff: (attempts: number) => number;
  readonly #clock: () => number;
  readonly #loop: PollingLoop;
  readonly #onError: (error: unknown) => void;
  /** Deliveries the background loop started and that have not finished. */
  readonly #inFlight = new Set<Promise<Result>>();

  constructor(options: OutboxDispatcherOptions) {
    this.#store = options.store;
    this.#hooks = options.hooks;
    this.workerId = options.workerId ?? `outbox-${randomUUID()}`;
    this.#batchSize = options.batchSize ?? 100;
    this.#timeoutMs = options.deliveryTimeoutMs ?? 20_000;
    this.#leaseMs = Math.max(options.leaseMs ?? 30_000, this.#timeoutMs + 10_000);
    this.#maxAttempts = options.maxAttempts ?? 8;
    this.#backoff = options.backoffMs ?? defaultBackoff;
    this.#clock = options.clock ?? Date.now;
    const onError = options.onError ?? ((error: unknown) => console.error('tongban outbox:', error));
    this.#onError = onError;
    this.#loop = new PollingLoop(
      () => this.#launch(),
      options.pollMs ?? 200,
      onError,
      options.onRecover ? { onRecover: options.onRecover } : {},
    );
  }

  /** Starts polling in the background. */
  start(): void {
    this.#loop.start();
  }

  /** Stops claiming, then waits for the deliveries in flight (each at most its timeout). */
  async stop(): Promise<void> {
    await this.#loop.stop();
    await Promise.all(this.#inFlight);
  }

  /** Claims the deliveries that are ready, delivers them and waits for all; returns what happened. */
  async runOnce(): Promise<DispatchRound> {
    const results = await Promise.all((await this.#claim(this.#batchSize)).map((row) => this.#deliver(row)));
    return {
      delivered: results.filter((result) => result === 'delivered').length,
      failed: results.filter((result) => result !== 'delivered').length,
      parked: results.filter((result) => result === 'parked').length,
    };
  }

  /**
   * One round of the background loop: claims as many as there is room for and starts them without
   * waiting; each one that finishes wakes the loop to claim again.
   */
  async #launch(): Promise<boolean> {
    const room = this.#batchSize - this.#inFlight.size;
    if (room <= 0) return false;
    const claimed = await this.#claim(room);
    for (const row of claimed) {
      // Recording the outcome can fail (database gone): reported, and the lease lets it retry.
      const running = this.#deliver(row).catch((error: unknown): Result => {
        this.#onError(error);
        return 'retry';
      });
      this.#inFlight.add(running);
      void running.finally(() => {
        this.#inFlight.delete(running);
        this.#loop.wake();
      });
    }
    return claimed.length === room;
  }

  async #claim(limit: number): Promise<ClaimedRow[]> {
    const names = this.#hooks.names();
    if (names.length === 0) return [];
    const now = this.#clock();
    const claimed = await this.#store.query<ClaimedRow>(
      sql`with next as (
          select o.id from outbox o
          where o.delivered_at is null and not o.parked and o.next_attempt_at <= ${now}::bigint
            and (o.lease_until is null or o.lease_until < ${now}::bigint)
            and o.hook in (select jsonb_array_elements_text(${JSON.stringify(names)}::jsonb))
            and not exists (select 1 from outbox p where p.case_id = o.case_id and p.hook = o.hook
              and p.delivered_at is null and p.id < o.id)
          order by o.next_attempt_at, o.id
          limit ${limit}
          for update skip locked)
        update outbox o set claimed_by = ${this.workerId}, lease_until = ${now + this.#leaseMs}::bigint,
          attempts = o.attempts + 1
        from next where o.id = next.id
        returning o.id, o.case_id, o.event_seq, o.hook, o.attempts,
          (select e.payload from events e where e.case_id = o.case_id and e.seq = o.event_seq) as payload`,
    );
    return claimed;
  }

  /** Parked deliveries, oldest first: what an operator looks at before redriving. */
  parked(): Promise<OutboxRow[]> {
    return this.#store.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.parked, true), isNull(outbox.deliveredAt)))
      .orderBy(asc(outbox.id));
  }

  /** Un-parks a delivery so it is tried again now, with a fresh attempt budget. False if not parked. */
  async redrive(outboxId: number): Promise<boolean> {
    const rows = await this.#store.db
      .update(outbox)
      .set({ parked: false, attempts: 0, nextAttemptAt: this.#clock(), claimedBy: null, leaseUntil: null })
      .where(and(eq(outbox.id, outboxId), eq(outbox.parked, true), isNull(outbox.deliveredAt)))
      .returning({ id: outbox.id });
    return rows.length === 1;
  }

  async #deliver(row: ClaimedRow): Promise<Result> {
    const hook = this.#hooks.get(row.hook);
    const abort = new AbortController();
    const delivery: HookDelivery = {
      key: `${row.case_id}:${row.event_seq}:${row.hook}`,
      outboxId: row.id,
      hook: row.hook,
      caseId: row.case_id,
      seq: row.event_seq,
      event: row.payload,
      attempt: row.attempts,
      signal: abort.signal,
    };
    let timer: NodeJS.Timeout | undefined;
    try {
      if (hook === undefined) throw new Error(`hook ${row.hook} is not registered in this process`);
      // The hook's promise is raced, not trusted to settle: one that never does is abandoned.
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const error = new HookTimeoutError(row.hook, row.case_id, row.event_seq, this.#timeoutMs);
          abort.abort(error);
          reject(error);
        }, this.#timeoutMs);
      });
      await Promise.race([hook.deliver(delivery), timedOut]);
    } catch (error) {
      const parked = row.attempts >= this.#maxAttempts;
      const message = error instanceof Error ? error.message : String(error);
      await this.#store.db
        .update(outbox)
        .set({
          claimedBy: null,
          leaseUntil: null,
          lastError: message.slice(0, 2000),
          parked,
          nextAttemptAt: this.#clock() + this.#backoff(row.attempts),
        })
        .where(and(eq(outbox.id, row.id), eq(outbox.claimedBy, this.workerId)));
      return parked ? 'parked' : 'retry';
    } finally {
      clearTimeout(timer);
    }
    await this.#store.db
      .update(outbox)
      .set({ deliveredAt: this.#clock(), claimedBy: null, leaseUntil: null, lastError: null })
      .where(and(eq(outbox.id, row.id), eq(outbox.claimedBy, this.workerId)));
    return 'delivered';
  }
}
