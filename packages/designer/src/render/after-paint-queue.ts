/** How long one slice of queued work may hold the page before a frame can be painted. */
const SLICE_MS = 12;

/**
 * Work on items put off until the page has painted: run in slices of about 12 ms after the next
 * frame, so each slice's drawing is laid out and painted with only the shapes it touched. Items
 * taken out before their turn are skipped; `flush` runs what is left at once (an export needs all).
 */
export class AfterPaintQueue<T> {
  readonly #run: (item: T) => void;
  readonly #pending = new Set<T>();
  #scheduled = false;
  #waiting: (() => void)[] = [];

  constructor(run: (item: T) => void) {
    this.#run = run;
  }

  add(item: T): void {
    this.#pending.add(item);
  }

  /** Takes an item out (it was drawn another way, or is gone). */
  delete(item: T): void {
    this.#pending.delete(item);
    this.#settle();
  }

  clear(): void {
    this.#pending.clear();
    this.#settle();
  }

  /** Starts the slices after the next frame is painted. */
  start(): void {
    if (this.#scheduled || this.#pending.size === 0) return;
    this.#scheduled = true;
    requestAnimationFrame(() => setTimeout(() => this.#slice(), 0));
  }

  /** Runs every queued item now. */
  flush(): void {
    for (const item of this.#pending) this.#run(item);
    this.#pending.clear();
    this.#settle();
  }

  /** Resolves when nothing is queued. */
  drained(): Promise<void> {
    if (this.#pending.size === 0) return Promise.resolve();
    return new Promise((done) => this.#waiting.push(done));
  }

  #slice(): void {
    this.#scheduled = false;
    const start = performance.now();
    for (const item of this.#pending) {
      this.#pending.delete(item);
      this.#run(item);
      if (performance.now() - start > SLICE_MS) break;
    }
    if (this.#pending.size > 0) {
      this.#scheduled = true;
      setTimeout(() => this.#slice(), 0);
    }
    this.#settle();
  }

  #settle(): void {
    if (this.#pending.size > 0) return;
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const done of waiting) done();
  }
}
