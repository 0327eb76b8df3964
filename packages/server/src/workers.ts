import {
  type DurableRuntime,
  HookRegistry,
  OutboxDispatcher,
  ServiceWorker,
  StatisticsRollupWorker,
  TimerWorker,
} from '@tongban/adapters';

/** The background workers `tongban serve` runs in-process. */
export interface Workers {
  /** Stops polling and waits for the rounds in progress. */
  stop(): Promise<void>;
}

/**
 * Starts the timer worker (deadlines, lights, BPMN timers), the hook outbox, the service-task
 * worker and the statistics roll-up in this process, as `tongban worker` does. Any number of
 * server processes may run them on one PostgreSQL: rows are claimed with FOR UPDATE SKIP LOCKED.
 */
export function startWorkers(
  runtime: DurableRuntime,
  options: { readonly pollMs?: number; readonly onError?: (error: unknown) => void } = {},
): Workers {
  const pollMs = options.pollMs ?? 200;
  const onError = options.onError ?? (() => {});
  const hooks = runtime.hooks ?? new HookRegistry();
  const timers = new TimerWorker(runtime, { pollMs, onError });
  const outbox = new OutboxDispatcher({ store: runtime.store, hooks, pollMs, onError });
  const services = new ServiceWorker(runtime, { handlers: {}, pollMs, onError });
  const rollup = new StatisticsRollupWorker({
    store: runtime.store,
    pollMs: 5_000,
    batchSize: 5_000,
    onError,
  });
  for (const worker of [timers, outbox, services, rollup]) worker.start();
  return {
    async stop() {
      await Promise.all([timers.stop(), outbox.stop(), services.stop(), rollup.stop()]);
    },
  };
}
