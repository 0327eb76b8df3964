import type { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import type { Pool } from 'pg';
import type { TongbanDatabase } from './database.js';

/** The driver under a store: the embedded PGlite or a node-postgres pool. */
export type StoreDriver =
  | { readonly kind: 'pglite'; readonly client: PGlite }
  | { readonly kind: 'postgres'; readonly pool: Pool };

/**
 * A database holding Tongban's tables, on either driver. Everything above it (runtime, workers,
 * audit) uses only {@link TongbanStore.db}, so it behaves the same on both.
 */
export interface TongbanStore {
  /** Drizzle over the Tongban schema. */
  readonly db: TongbanDatabase;
  /** The driver, for what drizzle does not cover (benchmarks, closing). */
  readonly driver: StoreDriver;
  /**
   * Runs one statement built with drizzle's `sql` straight on the driver and returns its rows as
   * the driver types them (int8 may come back as a string or a bigint). The hot paths use it: it
   * skips the per-query result-parser setup of drizzle's PGlite session, which costs as much as a
   * small statement.
   */
  query<Row>(statement: SQL): Promise<Row[]>;
  /**
   * Runs a statement prepared once per connection under `name`, with text parameters, and returns
   * its rows as text values. The command write uses it: no SQL text is parsed per command, and on
   * PGlite it is one call into WASM instead of six.
   */
  prepared(name: string, text: string, params: readonly (string | null)[]): Promise<(string | null)[][]>;
  /** Applies the migrations not yet applied (safe to call from several processes at once). */
  migrate(): Promise<void>;
  /** Closes the pool or the embedded database (only when the store created it). */
  close(): Promise<void>;
}
