/**
 * What `tongban worker` says while its database (or anything a round needs) is failing: the first
 * error of an outage once, with what it is doing about it, and one line when it works again. The
 * workers back off while it lasts (see PollingLoop), so an outage is a few lines, not a flood.
 */
export class OutageReport {
  readonly #write: (line: string) => void;
  #lastMessage: string | null = null;
  #open = false;

  constructor(write: (line: string) => void) {
    this.#write = write;
  }

  /** A round or an item failed. Repeats of the message already printed in this outage are dropped. */
  failed(error: unknown): void {
    this.#open = true;
    const message = describe(error);
    if (message === this.#lastMessage) return;
    this.#lastMessage = message;
    this.#write(
      `tongban worker: ${message}; retrying with backoff (pauses doubling up to 30 s), and will say when it works again\n`,
    );
  }

  /** A worker's rounds work again after `failedRounds` failed in a row. */
  recovered(failedRounds: number): void {
    if (!this.#open) return;
    this.#open = false;
    this.#lastMessage = null;
    this.#write(`tongban worker: working again (after ${failedRounds} failed attempts)\n`);
  }
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'ECONNRESET',
  '57P01',
]);

function describe(error: unknown): string {
  // drizzle wraps the driver's error ("Failed query: …") with it as the cause: report the cause.
  let root = error;
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (typeof (cause as { code?: unknown }).code === 'string') {
      root = cause;
      break;
    }
  }
  const code = (root as { code?: unknown } | null)?.code;
  const text = root instanceof Error ? root.message || String(code ?? root.name) : String(root);
  return typeof code === 'string' && UNREACHABLE.has(code) ? `cannot reach the database (${text})` : text;
}
