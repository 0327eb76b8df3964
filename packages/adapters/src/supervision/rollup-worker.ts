import type { TongbanStore } from '../store/store.js';
import { PollingLoop } from '../worker/loop.js';
import { type RollUpOptions, type RollUpResult, rollUpStatistics } from './rollup.js';

/** Options of {@link StatisticsRollupWorker}. */
export interface StatisticsRollupWorkerOptions extends Omit<RollUpOptions, 'onProgress' | 'maxBatches'> {
  readonly store: TongbanStore;
  /** Pause between roll-ups when caught up (default 5 s). */
  readonly pollMs?: number;
  /** Called after each round that folded something. */
  readonly onRolledUp?: (result: RollUpResult) => void;
  /**
   * Called when a round fails (once per outage: failing rounds are then retried with backoff, from
   * `pollMs` doubling up to 30 s, without calling it again) or when one item fails; the worker
   * carries on (default: console.error).
   */
  readonly onError?: (error: unknown) => void;
  /** Called once when rounds work again after failing, with how many failed in a row. */
  readonly onRecover?: (failedRounds: number) => void;
}

/**
 * Runs {@link rollUpStatistics} in the background every `pollMs`, one batch per round, going
 * straight on while there is a backlog. Any number of workers may run: one folds at a time, the
 * others find the watermark row locked and wait for their next round.
 */
export class StatisticsRollupWorker {
  readonly #loop: PollingLoop;

  constructor(options: StatisticsRollupWorkerOptions) {
    const { store, pollMs, onRolledUp, onError, onRecover, ...rollUp } = options;
    this.#loop = new PollingLoop(
      async () => {
        const result = await rollUpStatistics(store.db, { ...rollUp, maxBatches: 1 });
        if (result.batches > 0) onRolledUp?.(result);
        return result.batches > 0 && !result.caughtUp;
      },
      pollMs ?? 5_000,
      onError ?? ((error: unknown) => console.error('tongban statistics roll-up:', error)),
      onRecover ? { onRecover } : {},
    );
  }

  /** Starts rolling up in the background. */
  start(): void {
    this.#loop.start();
  }

  /** Stops after the round in progress. */
  async stop(): Promise<void> {
    await this.#loop.stop();
  }
}
