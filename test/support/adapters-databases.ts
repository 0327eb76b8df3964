// Test databases: PGlite in memory, or a fresh PostgreSQL database per test file (dropped after),
// so parallel test files never see each other's rows.
import { randomBytes } from 'node:crypto';
import { createPgliteStore, createPostgresStore, type TongbanStore } from '@tongban/adapters';
import { afterAll, beforeAll } from 'vitest';

/** The PostgreSQL server the tests may use, or undefined to skip the PostgreSQL half. */
export const DATABASE_URL = process.env.DATABASE_URL;

/** Suffix for a describe name: how the PostgreSQL half runs here. */
export const postgresLabel =
  DATABASE_URL === undefined ? 'PostgreSQL store (skipped: DATABASE_URL not set)' : 'PostgreSQL store';

/** A database created for one test file. */
export interface ScratchDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** Creates an empty database on the server named by DATABASE_URL, migrated to the current schema. */
export async function createScratchDatabase(): Promise<ScratchDatabase> {
  if (DATABASE_URL === undefined) throw new Error('DATABASE_URL is not set');
  const name = `tb_test_${randomBytes(6).toString('hex')}`;
  const admin = await createPostgresStore({ connectionString: DATABASE_URL, max: 1 });
  const pool = admin.driver.kind === 'postgres' ? admin.driver.pool : undefined;
  if (pool === undefined) throw new Error('expected a PostgreSQL driver');
  await pool.query(`create database ${name}`);
  const url = new URL(DATABASE_URL);
  url.pathname = `/${name}`;
  const migrated = await createPostgresStore({ connectionString: url.toString(), max: 1, migrate: true });
  await migrated.close();
  return {
    url: url.toString(),
    async drop() {
      await pool.query(`drop database if exists ${name} with (force)`);
      await admin.close();
    },
  };
}

/** A store factory: what the shared suite runs against. */
export type StoreFactory = () => Promise<TongbanStore>;

/** PGlite in memory, migrated. */
export const pgliteFactory: StoreFactory = () => createPgliteStore();

/** A PostgreSQL store on a scratch database (pool of `max` connections). */
export function postgresFactory(database: () => ScratchDatabase, max = 4): StoreFactory {
  return () => createPostgresStore({ connectionString: database().url, max });
}

/**
 * A fresh PostgreSQL database for the calling test file (when DATABASE_URL is set), dropped after
 * it. Returns a getter that fails plainly if used before it exists.
 */
export function useScratchDatabase(): () => ScratchDatabase {
  let scratch: ScratchDatabase | undefined;
  beforeAll(async () => {
    if (DATABASE_URL !== undefined) scratch = await createScratchDatabase();
  });
  afterAll(async () => {
    await scratch?.drop();
  });
  return () => {
    if (scratch === undefined) throw new Error('scratch database not created');
    return scratch;
  };
}
