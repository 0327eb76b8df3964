import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createPgliteStore, createPostgresStore, type TongbanStore } from '@tongban/adapters';
import type { Command } from 'commander';
import { storeProgressText } from '../i18n/store-progress.js';
import { progress } from '../progress.js';
import { UsageError } from '../usage-error.js';

/** Where a command finds its database: a PostgreSQL URL or a PGlite data directory. */
export interface DatabaseCliOptions {
  readonly databaseUrl?: string;
  readonly dataDir?: string;
}

/** Adds `--database-url` and `--data-dir` to a command. */
export function databaseOptions(command: Command): Command {
  return command
    .option('--database-url <url>', 'PostgreSQL connection string (default: $DATABASE_URL)')
    .option('--data-dir <dir>', 'PGlite data directory (the embedded database)');
}

/**
 * Opens the store the options name. Exactly one of the two must be given. It is not migrated,
 * unless `migrateEmbedded` is set and it is a PGlite data directory (the embedded store just works;
 * a PostgreSQL server is migrated by `tongban migrate`, once per release).
 */
export async function openStore(
  options: DatabaseCliOptions,
  max = 4,
  migrateEmbedded = false,
): Promise<TongbanStore> {
  const url = options.databaseUrl ?? (options.dataDir === undefined ? process.env.DATABASE_URL : undefined);
  if (url !== undefined && options.dataDir !== undefined) {
    throw new UsageError('give either --database-url or --data-dir, not both');
  }
  if (options.dataDir !== undefined) {
    // PGlite creates the data directory itself but not the folders above it (e.g. `./.tongban/db`
    // on a fresh clone): make them, or say plainly why they cannot be made.
    try {
      mkdirSync(dirname(resolve(options.dataDir)), { recursive: true });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new UsageError(`cannot create the folder for --data-dir ${options.dataDir}: ${reason}`);
    }
    // Opening PGlite takes seconds (tens on a new directory): the store says when it starts and
    // when it is open, and the lines are printed from that.
    return createPgliteStore({
      dataDir: options.dataDir,
      migrate: migrateEmbedded,
      onProgress: (step) => progress(storeProgressText(step)),
    });
  }
  if (url !== undefined) return createPostgresStore({ connectionString: url, max });
  throw new UsageError('no database: give --database-url URL (or set DATABASE_URL) or --data-dir DIR');
}

/** The message of a failure to reach or use the database, for stderr. */
export function databaseFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `tongban: ${message}${cause}\n`;
}
