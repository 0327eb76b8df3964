import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { schema } from '../schema.js';

/** Tables of the Tongban schema, as drizzle sees them. */
export type TongbanSchema = typeof schema;

/**
 * A drizzle database over the Tongban schema on either driver (PGlite or node-postgres). Everything
 * in this package is written against this one type.
 */
export type TongbanDatabase = PgDatabase<PgQueryResultHKT, TongbanSchema>;

/** A transaction on a {@link TongbanDatabase}. */
export type TongbanTransaction = PgTransaction<
  PgQueryResultHKT,
  TongbanSchema,
  ExtractTablesWithRelations<TongbanSchema>
>;

/** Something a raw statement can run on: the database or a transaction. */
export type Executor = TongbanDatabase | TongbanTransaction;

/**
 * Runs a raw statement and returns its rows. Both drivers answer `execute` with an object whose
 * `rows` are plain objects keyed by column name.
 */
export async function queryRows<Row>(executor: Executor, statement: SQL): Promise<Row[]> {
  const result: unknown = await executor.execute(statement);
  const rows = (result as { rows?: unknown }).rows;
  if (!Array.isArray(rows)) throw new TypeError('driver returned no rows array');
  return rows as Row[];
}
