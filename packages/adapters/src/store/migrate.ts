import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { type Executor, queryRows, type TongbanDatabase } from './database.js';

/** Where drizzle-kit writes the committed migrations of this package. */
export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'drizzle');

// Arbitrary constant: the advisory lock every Tongban process takes while migrating.
const MIGRATION_LOCK = 7_406_332_011;

/**
 * Applies the migrations in `drizzle/` that the database has not seen, in one transaction, under an
 * advisory lock so that several processes starting together migrate once. It keeps drizzle's own
 * bookkeeping table (`drizzle.__drizzle_migrations`), so `drizzle-kit migrate` agrees with it.
 * @returns the number of migrations applied.
 */
export async function migrate(db: TongbanDatabase): Promise<number> {
  const migrations = readMigrationFiles({ migrationsFolder });
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await tx.execute(sql`create schema if not exists drizzle`);
    await tx.execute(sql`create table if not exists drizzle.__drizzle_migrations (
      id serial primary key, hash text not null, created_at bigint)`);
    const applied = new Set(await appliedHashes(tx));
    let count = 0;
    for (const migration of migrations) {
      if (applied.has(migration.hash)) continue;
      for (const statement of migration.sql) {
        if (statement.trim() !== '') await tx.execute(sql.raw(statement));
      }
      await tx.execute(
        sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${migration.hash}, ${migration.folderMillis})`,
      );
      count++;
    }
    return count;
  });
}

async function appliedHashes(executor: Executor): Promise<string[]> {
  const rows = await queryRows<{ hash: string }>(
    executor,
    sql`select hash from drizzle.__drizzle_migrations`,
  );
  return rows.map((row) => row.hash);
}
