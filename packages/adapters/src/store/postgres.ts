import type { SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { schema } from '../schema.js';
import type { TongbanDatabase } from './database.js';
import { migrate } from './migrate.js';
import type { TongbanStore } from './store.js';

/** Leaves every value as the text PostgreSQL sent. */
const TEXT = { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig;

/** Options of {@link createPostgresStore}: a connection string, or a pool the caller owns. */
export type PostgresStoreOptions = (
  | { readonly connectionString: string; readonly pool?: undefined }
  | { readonly pool: pg.Pool; readonly connectionString?: undefined }
) & {
  /** Most connections of the pool the store creates (default 10). */
  readonly max?: number;
  /** Apply pending migrations before returning (default `false`: run `tongban migrate` once instead). */
  readonly migrate?: boolean;
};

/** Opens a store on a PostgreSQL server through node-postgres: the production store. */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<TongbanStore> {
  const owned = options.pool === undefined;
  const pool =
    options.pool ?? new pg.Pool({ connectionString: options.connectionString, max: options.max ?? 10 });
  // An idle connection the server closes (restart, failover) must not crash the process: the pool
  // drops it and the next query opens a new one.
  if (owned) pool.on('error', () => {});
  const db: TongbanDatabase = drizzle({ client: pool, schema });
  let closed = false;
  const dialect = new PgDialect();
  const store: TongbanStore = {
    db,
    driver: { kind: 'postgres', pool },
    async query<Row>(statement: SQL) {
      const { sql: text, params } = dialect.sqlToQuery(statement);
      return (await pool.query(text, params)).rows as Row[];
    },
    async prepared(name, text, params) {
      // node-postgres prepares a named statement once per connection and reuses it.
      const result = await pool.query({ name, text, values: [...params], rowMode: 'array', types: TEXT });
      return result.rows as (string | null)[][];
    },
    async migrate() {
      await migrate(db);
    },
    async close() {
      if (owned && !closed) {
        closed = true;
        await pool.end();
      }
    },
  };
  if (options.migrate ?? false) await store.migrate();
  return store;
}
