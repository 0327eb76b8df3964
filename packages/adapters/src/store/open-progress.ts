/**
 * The slow steps of opening an embedded store, as {@link createPgliteStore} reports them: opening
 * PGlite takes seconds (tens on a new data directory on a busy machine), and migrating a new
 * directory as long again. An embedder shows these as it likes (a spinner, a log line); the
 * `tongban` CLI prints its progress lines from them.
 */
export type StoreOpenProgress =
  /** PGlite is starting (`dataDir` null: in memory). */
  | { readonly step: 'opening'; readonly dataDir: string | null }
  /** PGlite is open, after `ms` milliseconds. */
  | { readonly step: 'opened'; readonly dataDir: string | null; readonly ms: number }
  /** Pending migrations are being looked for and applied. */
  | { readonly step: 'migrating' }
  /** Migrations done: `applied` of them (0: the schema was up to date), in `ms` milliseconds. */
  | { readonly step: 'migrated'; readonly applied: number; readonly ms: number };

/** A progress callback. It is told, never asked: what it throws is ignored, opening goes on. */
export type StoreOpenProgressListener = (progress: StoreOpenProgress) => void;

/** Calls the listener, if any; a failing listener must not fail the open of a database. */
export function reportProgress(
  listener: StoreOpenProgressListener | undefined,
  progress: StoreOpenProgress,
): void {
  if (listener === undefined) return;
  try {
    listener(progress);
  } catch {
    // Progress is a courtesy to the reader; the store opens whatever the listener does.
  }
}
