import type { StatisticsDimension } from '@tongban/engine';
import type { Command } from 'commander';
import { formatStatistics } from '../format/statistics-table.js';
import { LANG_HELP, resolveLang } from '../i18n/lang.js';
import { statisticsLabels, statisticsLegend } from '../i18n/stats-messages.js';
import { type DatabaseCliOptions, databaseFailure, databaseOptions, openStore } from '../options/database.js';
import { EXIT_FAILURE, EXIT_OK } from '../options/exit-codes.js';
import { queryStatistics } from '../supervision/adapters.js';
import { parseBoundary } from '../supervision/dates.js';
import { UsageError } from '../usage-error.js';

interface StatsCliOptions extends DatabaseCliOptions {
  readonly from: string;
  readonly to: string;
  readonly by: string;
  readonly json?: boolean;
  readonly lang?: string;
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
      .option('--json', 'print the rows as JSON')
      .option('--lang <lang>', LANG_HELP),
  ).action(async (options: StatsCliOptions) => {
    const by = options.by as StatisticsDimension;
    if (!DIMENSIONS.includes(by))
      throw new UsageError(`--by is one of ${DIMENSIONS.join(', ')}, got ${options.by}`);
    const from = parseBoundary(options.from, '--from', false);
    const to = parseBoundary(options.to, '--to', true);
    if (to <= from) throw new UsageError('--to must come after --from');
    const lang = resolveLang(options.lang);
    const store = await openStore(options, 1);
    try {
      const rows = await queryStatistics(store.db, { from, to, by });
      process.stdout.write(
        options.json
          ? `${JSON.stringify(rows, null, 2)}\n`
          : `${formatStatistics(rows, by, statisticsLabels(by, lang))}\n${statisticsLegend(lang)}`,
      );
      process.exitCode = EXIT_OK;
    } catch (error) {
      process.stderr.write(databaseFailure(error));
      process.exitCode = EXIT_FAILURE;
    } finally {
      await store.close();
    }
  });
}
