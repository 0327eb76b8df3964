import { formatStatistics, type StatisticsDimension } from '@tongban/engine';
import type { Command } from 'commander';
import { EXIT_FAILURE, EXIT_OK } from '../program.js';
import { queryStatistics } from '../supervision/adapters.js';
import { parseBoundary } from '../supervision/dates.js';
import { UsageError } from '../usage-error.js';
import { type DatabaseCliOptions, databaseFailure, databaseOptions, openStore } from './migrate.js';

interface StatsCliOptions extends DatabaseCliOptions {
  readonly from: string;
  readonly to: string;
  readonly by: string;
  readonly json?: boolean;
}

const DIMENSIONS: readonly StatisticsDimension[] = ['department', 'matter', 'staff', 'window'];

/** `tongban stats`: 效能监察 statistics over a period. */
export function register(program: Command): void {
  databaseOptions(
    program
      .command('stats')
      .description(
        'performance statistics (效能监察) over a period: received, completed, on time, early, overdue …',
      )
      .requiredOption('--from <date>', 'first day (YYYY-MM-DD, Beijing) or ISO instant')
      .requiredOption('--to <date>', 'last day, inclusive (YYYY-MM-DD, Beijing) or ISO instant (exclusive)')
      .option('--by <dimension>', 'group by department, matter, staff or window', 'department')
      .option('--json', 'print the rows as JSON'),
  ).action(async (options: StatsCliOptions) => {
    const by = options.by as StatisticsDimension;
    if (!DIMENSIONS.includes(by))
      throw new UsageError(`--by is one of ${DIMENSIONS.join(', ')}, got ${options.by}`);
    const from = parseBoundary(options.from, '--from', false);
    const to = parseBoundary(options.to, '--to', true);
    if (to <= from) throw new UsageError('--to must come after --from');
    const store = await openStore(options, 1);
    try {
      const rows = await queryStatistics(store.db, { from, to, by });
      process.stdout.write(options.json ? `${JSON.stringify(rows, null, 2)}\n` : formatStatistics(rows, by));
      process.exitCode = EXIT_OK;
    } catch (error) {
      process.stderr.write(databaseFailure(error));
      process.exitCode = EXIT_FAILURE;
    } finally {
      await store.close();
    }
  });
}
