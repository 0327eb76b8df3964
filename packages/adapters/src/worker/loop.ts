/** A polling loop that stops gracefully: `stop()` waits for the round in progress to finish. */
export class PollingLoop {
  #running = false;
  #done: Promise<void> = Promise.resolve();
  #wake: (() => void) | null = null;

  constructor(
    /** One round; returns true when there may be more work right away. */
    private readonly round: () => Promise<boolean>,
    private readonly pollMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

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
      try {
        more = await this.round();
      } catch (error) {
        this.onError(error);
      }
      if (!more && this.#running) await this.#sleep(this.pollMs);
    }
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
