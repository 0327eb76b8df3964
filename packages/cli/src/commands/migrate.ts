import { migrate } from '@tongban/adapters';
import type { Command } from 'commander';
import { type DatabaseCliOptions, databaseFailure, databaseOptions, openStore } from '../options/database.js';
import { EXIT_FAILURE, EXIT_OK } from '../options/exit-codes.js';
import { progress } from '../progress.js';

/** `tongban migrate`: applies the pending schema migrations. */
export function register(program: Command): void {
  databaseOptions(
    program
      .command('migrate')
      .description('apply pending schema migrations to a PostgreSQL database or a PGlite directory'),
  ).action(async (options: DatabaseCliOptions) => {
    const store = await openStore(options, 1);
    try {
      progress({ 'zh-CN': '正在应用数据库迁移…', en: 'applying schema migrations…' });
      const applied = await migrate(store.db);
      process.stdout.write(applied === 0 ? 'schema is up to date\n' : `applied ${applied} migration(s)\n`);
      process.exitCode = EXIT_OK;
    } catch (error) {
      process.stderr.write(databaseFailure(error));
      process.exitCode = EXIT_FAILURE;
    } finally {
      await store.close();
    }
  });
}
