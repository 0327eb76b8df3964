/** How a {@link PollingLoop} reports and paces failing rounds. */
export interface LoopRecovery {
  /** Called once when rounds work again after failing, with how many failed in a row. */
  readonly onRecover?: (failedRounds: number) => void;
  /** Longest pause between two failing rounds (default 30 s). */
  readonly maxBackoffMs?: number;
  /** Random numbers in [0, 1) for the jitter (default `Math.random`; tests fix it). */
  readonly random?: () => number;
  /** How the loop pauses (default a timer that `wake` and `stop` cut short; tests record it). */
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * A polling loop that stops gracefully: `stop()` waits for the round in progress to finish.
 *
 * A round that throws (most often: the database is down) is reported once, through `onError`, and
 * retried after a pause that doubles with each failure from `pollMs` up to `maxBackoffMs`, each
 * pause drawn between half and all of that (jitter, so that many workers do not all come back in
 * the same instant). Further failures of the same outage are not reported again; the first round
 * that works calls `onRecover`. A worker whose database is down therefore says once what is wrong
 * and once that it is back, instead of logging every poll.
 */
export class PollingLoop {
  #running = false;
  #done: Promise<void> = Promise.resolve();
  #wake: (() => void) | null = null;
  #failures = 0;
  readonly #maxBackoffMs: number;
  readonly #random: () => number;

  constructor(
    /** One round; returns true when there may be more work right away. */
    private readonly round: () => Promise<boolean>,
    private readonly pollMs: number,
    private readonly onError: (error: unknown) => void,
    private readonly recovery: LoopRecovery = {},
  ) {
    this.#maxBackoffMs = Math.max(pollMs, recovery.maxBackoffMs ?? 30_000);
    this.#random = recovery.random ?? Math.random;
  }

  get running(): boolean {
    return this.#running;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#done = this.#run();
  }

  /** Ends the pause between rounds now: there may be work (e.g. a slot became free). */
  wake(): void {
    this.#wake?.();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#wake?.();
    await this.#done;
  }

  async #run(): Promise<void> {
    while (this.#running) {
      let more = false;
      let pause = this.pollMs;
      try {
        more = await this.round();
        if (this.#failures > 0) {
          const failed = this.#failures;
          this.#failures = 0;
          this.recovery.onRecover?.(failed);
        }
      } catch (error) {
        this.#failures++;
        if (this.#failures === 1) this.onError(error);
        pause = this.#backoff(this.#failures);
        more = false;
      }
      if (!more && this.#running) await (this.recovery.sleep ?? ((ms) => this.#sleep(ms)))(pause);
    }
  }

  /** The pause after `failures` failed rounds in a row: exponential, capped, with jitter. */
  #backoff(failures: number): number {
    const ceiling = Math.min(this.#maxBackoffMs, this.pollMs * 2 ** Math.min(failures, 30));
    return Math.round(ceiling / 2 + (ceiling / 2) * this.#random());
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done(): void {
        clearTimeout(timer);
        self.#wake = null;
        resolve();
      }
      this.#wake = done;
    });
  }
}
