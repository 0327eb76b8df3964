import type { Instant } from '@tongban/engine';

/**
 * A clock moved by hand, for tests and simulations: pass {@link ManualClock.now} as the `clock` of
 * a `DurableRuntime` (and of anything else that should share its time), then move it with
 * {@link ManualClock.set} or let {@link TimeSkipping.advanceTo} move it.
 */
export class ManualClock {
  #at: Instant;

  constructor(at: Instant) {
    this.#at = at;
  }

  /** The current instant (a bound function: pass it as a `clock` option as it is). */
  readonly now = (): Instant => this.#at;

  /** Moves the clock to `at`; earlier instants are ignored (time only moves forward). */
  set(at: Instant): void {
    this.#at = Math.max(this.#at, at);
  }
}
