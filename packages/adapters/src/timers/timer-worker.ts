import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { DurableRuntime, TimerFiring } from '../runtime/durable-runtime.js';
import { PollingLoop } from '../worker/loop.js';

/** Options of {@link TimerWorker}. */
export interface TimerWorkerOptions {
  /** Name in `claimed_by` (default: a random id). */
  readonly workerId?: string;
  /** Timers claimed per round (default 100). */
  readonly batchSize?: number;
  /** How long a claim holds before another worker may take the timer over (default 30 s). */
  readonly leaseMs?: number;
  /** Pause between rounds when nothing is due (default 200 ms). */
  readonly pollMs?: number;
  /** Cases fired at the same time within a round (default 1; use the pool size on PostgreSQL). */
  readonly concurrency?: number;
  /** Called with each firing (for metrics and logs). */
  readonly onFired?: (timer: ClaimedTimer, firing: TimerFiring) => void;
  /**
   * Called when a round fails (once per outage: failing rounds are then retried with backoff, from
   * `pollMs` doubling up to 30 s, without calling it again) or when one item fails; the worker
   * carries on (default: console.error).
   */
  readonly onError?: (error: unknown) => void;
  /** Called once when rounds work again after failing, with how many failed in a row. */
  readonly onRecover?: (failedRounds: number) => void;
}

/** A timer a worker has claimed. */
export interface ClaimedTimer {
  readonly caseId: string;
  readonly timerId: string;
  readonly dueAt: number;
}

/**
 * Fires due timers through the runtime's command path. Timers are claimed with
 * `FOR UPDATE SKIP LOCKED` and a lease, so any number of workers share the work; the firing marks
 * the timer fired in the same statement as the command, so a timer never fires twice; a claim whose
 * worker died is taken over once its lease runs out. Overdue timers (everything that fell due while
 * no worker ran) fire first, in due order.
 */
export class TimerWorker {
  readonly workerId: string;
  readonly #runtime: DurableRuntime;
  readonly #batchSize: number;
  readonly #leaseMs: number;
  readonly #concurrency: number;
  readonly #onFired: TimerWorkerOptions['onFired'];
  readonly #onError: (error: unknown) => void;
  readonly #loop: PollingLoop;

  constructor(runtime: DurableRuntime, options: TimerWorkerOptions = {}) {
    this.#runtime = runtime;
    this.workerId = options.workerId ?? `timers-${randomUUID()}`;
    this.#batchSize = options.batchSize ?? 100;
    this.#leaseMs = options.leaseMs ?? 30_000;
    this.#concurrency = Math.max(1, options.concurrency ?? 1);
    this.#onFired = options.onFired;
    this.#onError = options.onError ?? ((error) => console.error('tongban timer worker:', error));
    this.#loop = new PollingLoop(
      async () => (await this.runOnce()) === this.#batchSize,
      options.pollMs ?? 200,
      this.#onError,
      options.onRecover ? { onRecover: options.onRecover } : {},
    );
  }

  /** Starts polling in the background. */
  start(): void {
    this.#loop.start();
  }

  /** Stops after the round in progress (every claimed timer of that round is fired first). */
  async stop(): Promise<void> {
    await this.#loop.stop();
  }

  /** Claims one batch of due timers and fires them; returns how many it claimed. */
  async runOnce(): Promise<number> {
    const claimed = await this.claim();
    const byCase = new Map<string, ClaimedTimer[]>();
    for (const timer of claimed) {
      const list = byCase.get(timer.caseId) ?? [];
      list.push(timer);
      byCase.set(timer.caseId, list);
    }
    const queues = [...byCase.values()];
    const next = (): ClaimedTimer[] | undefined => queues.shift();
    const lane = async (): Promise<void> => {
      for (let queue = next(); queue !== undefined; queue = next()) {
        for (const timer of queue) await this.#fire(timer);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#concurrency, queues.length) }, lane));
    return claimed.length;
  }

  /** Claims up to a batch of due, unclaimed (or lease-expired) timers, oldest due first. */
  async claim(): Promise<ClaimedTimer[]> {
    const now = this.#runtime.now();
    const rows = await this.#runtime.store.query<{
      case_id: string;
      timer_id: string;
      due_at: string | number | bigint;
    }>(
      sql`with due as (
          select case_id, timer_id from timers
          where fired_at is null and due_at <= ${now}::bigint and (lease_until is null or lease_until < ${now}::bigint)
          order by due_at, case_id, timer_id
          limit ${this.#batchSize}
          for update skip locked)
        update timers set claimed_by = ${this.workerId}, lease_until = ${now + this.#leaseMs}::bigint
        from due where timers.case_id = due.case_id and timers.timer_id = due.timer_id
        returning timers.case_id, timers.timer_id, timers.due_at`,
    );
    return rows
      .map((row) => ({ caseId: row.case_id, timerId: row.timer_id, dueAt: Number(row.due_at) }))
      .sort(
        (a, b) => a.dueAt - b.dueAt || a.caseId.localeCompare(b.caseId) || a.timerId.localeCompare(b.timerId),
      );
  }

  async #fire(timer: ClaimedTimer): Promise<void> {
    try {
      const firing = await this.#runtime.fireTimer(timer.caseId, timer.timerId);
      this.#onFired?.(timer, firing);
    } catch (error) {
      // The claim stays leased: another round retries the timer when the lease runs out.
      this.#onError(error);
    }
  }
}
