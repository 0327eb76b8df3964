import { randomUUID } from 'node:crypto';
import {
  type Command,
  type JsonValue,
  type ServiceHandler,
  ServiceHandlerError,
  TongbanError,
} from '@tongban/engine';
import { sql } from 'drizzle-orm';
import type { DurableRuntime } from '../runtime/durable-runtime.js';
import { PollingLoop } from '../worker/loop.js';

/** Options of {@link ServiceWorker}. */
export interface ServiceWorkerOptions {
  /** Host handlers by the handler name service tasks carry (`tb:handler`). */
  readonly handlers: Readonly<Record<string, ServiceHandler>>;
  /** Name in `claimed_by` (default: a random id). */
  readonly workerId?: string;
  /** Service tasks claimed per round (default 20). */
  readonly batchSize?: number;
  /** How long a claim holds before another worker may run the handler again (default 60 s). */
  readonly leaseMs?: number;
  /** Pause between rounds when nothing is waiting (default 200 ms). */
  readonly pollMs?: number;
  /**
   * Called when a round fails (once per outage: failing rounds are then retried with backoff, from
   * `pollMs` doubling up to 30 s, without calling it again) or when one item fails; the worker
   * carries on (default: console.error).
   */
  readonly onError?: (error: unknown) => void;
  /** Called once when rounds work again after failing, with how many failed in a row. */
  readonly onRecover?: (failedRounds: number) => void;
}

interface ClaimedServiceTask {
  case_id: string;
  task_id: string;
  element_id: string;
  handler: string;
}

/**
 * Runs host handlers for open service tasks, durably: a task is claimed with
 * `FOR UPDATE SKIP LOCKED` and a lease, its handler is called with the case variables, and the
 * result is sent as `completeService` (or `failService` with the handler's BPMN error code, or
 * `SERVICE_FAILED`) with an idempotency key, so it is applied once. A worker that dies between the
 * handler and the command leaves the claim to expire: the handler then runs again (at least once),
 * so handlers with outside effects should be idempotent on `caseId` + `taskId`.
 */
export class ServiceWorker {
  readonly workerId: string;
  readonly #runtime: DurableRuntime;
  readonly #handlers: Readonly<Record<string, ServiceHandler>>;
  readonly #batchSize: number;
  readonly #leaseMs: number;
  readonly #onError: (error: unknown) => void;
  readonly #loop: PollingLoop;

  constructor(runtime: DurableRuntime, options: ServiceWorkerOptions) {
    this.#runtime = runtime;
    this.#handlers = options.handlers;
    this.workerId = options.workerId ?? `services-${randomUUID()}`;
    this.#batchSize = options.batchSize ?? 20;
    this.#leaseMs = options.leaseMs ?? 60_000;
    this.#onError = options.onError ?? ((error) => console.error('tongban service worker:', error));
    this.#loop = new PollingLoop(
      async () => (await this.runOnce()) > 0,
      options.pollMs ?? 200,
      this.#onError,
      options.onRecover ? { onRecover: options.onRecover } : {},
    );
  }

  /** Starts polling in the background. */
  start(): void {
    this.#loop.start();
  }

  /** Stops after the round in progress. */
  async stop(): Promise<void> {
    await this.#loop.stop();
  }

  /** Claims the waiting service tasks this worker has handlers for and runs them; returns how many. */
  async runOnce(): Promise<number> {
    const names = Object.keys(this.#handlers);
    if (names.length === 0) return 0;
    const now = this.#runtime.now();
    const claimed = await this.#runtime.store.query<ClaimedServiceTask>(
      sql`with waiting as (
          select case_id, task_id from tasks
          where kind = 'service' and status = 'open'
            and handler in (select jsonb_array_elements_text(${JSON.stringify(names)}::jsonb))
            and (lease_until is null or lease_until < ${now}::bigint)
          order by opened_at, case_id, task_id
          limit ${this.#batchSize}
          for update skip locked)
        update tasks set claimed_by = ${this.workerId}, lease_until = ${now + this.#leaseMs}::bigint
        from waiting where tasks.case_id = waiting.case_id and tasks.task_id = waiting.task_id
        returning tasks.case_id, tasks.task_id, tasks.element_id, tasks.handler`,
    );
    for (const task of claimed) {
      try {
        await this.#run(task);
      } catch (error) {
        this.#onError(error);
      }
    }
    return claimed.length;
  }

  async #run(task: ClaimedServiceTask): Promise<void> {
    const handler = this.#handlers[task.handler];
    const row = await this.#runtime.getCase(task.case_id);
    if (handler === undefined || row === null || row.status !== 'running') return;
    const snapshot = row.snapshot as { machine?: { context?: { vars?: Record<string, JsonValue> } } };
    let command: Command;
    try {
      const variables = await handler({
        caseId: task.case_id,
        taskId: task.task_id,
        elementId: task.element_id,
        variables: snapshot.machine?.context?.vars ?? {},
      });
      command = { type: 'completeService', taskId: task.task_id, ...(variables ? { variables } : {}) };
    } catch (error) {
      const code = error instanceof ServiceHandlerError ? error.errorCode : 'SERVICE_FAILED';
      const message = error instanceof Error ? error.message : String(error);
      command = { type: 'failService', taskId: task.task_id, errorCode: code, message };
    }
    try {
      await this.#runtime.execute(task.case_id, command, {
        idempotencyKey: `service:${task.case_id}:${task.task_id}`,
      });
    } catch (error) {
      // Completed meanwhile by someone else (or the case moved on): nothing left to do.
      if (error instanceof TongbanError && error.code === 'NOT_A_SERVICE_TASK') return;
      // Another run of the handler (after a lease ran out) landed its result first: that one stands.
      if (error instanceof TongbanError && error.code === 'IDEMPOTENCY_KEY_MISMATCH') return;
      throw error;
    }
  }
}
