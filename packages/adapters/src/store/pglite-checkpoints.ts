import type { PGlite } from '@electric-sql/pglite';

/**
 * PGlite runs PostgreSQL as a single-user backend, which never checkpoints on its own: the
 * checkpointer is a process of the server PGlite does not have. Without checkpoints the write-ahead
 * log grows by every write for as long as the process runs (about 3.5 KB per command on a parallel
 * approval: 347 MB after 100,000 commands, `bench:pglite-wal`), in memory for an in-memory store and on disk in a data
 * directory, and recovery after a crash replays all of it. This checkpoints once that much WAL was
 * written since the last checkpoint; PostgreSQL then recycles the old segments.
 */
export class WalCheckpoints {
  readonly #client: PGlite;
  readonly #walBytes: number;
  readonly #checkEvery: number;
  #writes = 0;
  #running: Promise<void> | null = null;
  #warned = false;

  /**
   * @param walBytes checkpoint when this much WAL was written since the last one (0: never)
   * @param checkEvery look at the WAL after this many writes (the look is one small query)
   */
  constructor(client: PGlite, walBytes: number, checkEvery: number) {
    this.#client = client;
    this.#walBytes = walBytes;
    this.#checkEvery = Math.max(1, checkEvery);
  }

  /** Counts one write; every `checkEvery` writes, checkpoints in the background if it is time. */
  noteWrite(): void {
    if (this.#walBytes <= 0 || ++this.#writes < this.#checkEvery || this.#running !== null) return;
    this.#writes = 0;
    this.#running = this.#checkpointIfDue()
      .catch((error: unknown) => {
        // A failed checkpoint loses nothing (the WAL is still there); say so once, do not crash.
        if (this.#warned) return;
        this.#warned = true;
        process.emitWarning(`PGlite checkpoint failed, the write-ahead log keeps growing: ${String(error)}`);
      })
      .finally(() => {
        this.#running = null;
      });
  }

  /** Resolves when no checkpoint is running (before closing the database). */
  async settle(): Promise<void> {
    await this.#running;
  }

  async #checkpointIfDue(): Promise<void> {
    const client = this.#client;
    if (client.closed) return;
    // `query` and `exec` each wait for PGlite's transaction lock: neither runs inside somebody
    // else's transaction.
    const { rows } = await client.query<{ since: number }>(
      'select pg_wal_lsn_diff(pg_current_wal_insert_lsn(), redo_lsn)::float8 as since from pg_control_checkpoint()',
    );
    if ((rows[0]?.since ?? 0) >= this.#walBytes && !client.closed) await client.exec('checkpoint');
  }
}
