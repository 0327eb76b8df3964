import { writeFileSync } from 'node:fs';
import { toCsv } from '@tongban/engine/supervision';
import type { Command } from 'commander';
import { type DatabaseCliOptions, databaseFailure, databaseOptions, openStore } from '../options/database.js';
import { EXIT_FAILURE, EXIT_OK } from '../options/exit-codes.js';
import { type ExportWhat, exportColumns, exportRecords } from '../supervision/adapters.js';
import { parseBoundary } from '../supervision/dates.js';
import { UsageError } from '../usage-error.js';

interface ExportCliOptions extends DatabaseCliOptions {
  readonly format: string;
  readonly what: string;
  readonly from?: string;
  readonly to?: string;
  readonly output?: string;
  readonly bom?: boolean;
}

const WHAT: readonly ExportWhat[] = ['cases', 'tasks', 'supervision'];

/** `tongban export`: cases, tasks or supervision records with GB/T 39046-2020 field names. */
export function register(program: Command): void {
  databaseOptions(
    program
      .command('export')
      .description(
        'export cases, tasks or supervision records as CSV or JSON with GB/T 39046-2020 field names',
      )
      .option('--format <format>', 'csv or json', 'csv')
      .option('--what <what>', 'cases, tasks or supervision', 'cases')
      .option('--from <date>', 'only cases accepted from this day (YYYY-MM-DD, Beijing) or ISO instant')
      .option('--to <date>', 'only cases accepted through this day (inclusive) or before this ISO instant')
      .option('--output <file>', 'write to this file instead of stdout')
      .option('--bom', 'start CSV with a UTF-8 byte order mark (for spreadsheet programs)'),
  ).action(async (options: ExportCliOptions) => {
    if (options.format !== 'csv' && options.format !== 'json')
      throw new UsageError(`--format is csv or json, got ${options.format}`);
    const what = options.what as ExportWhat;
    if (!WHAT.includes(what))
      throw new UsageError(`--what is one of ${WHAT.join(', ')}, got ${options.what}`);
    const store = await openStore(options, 1);
    try {
      const records = await exportRecords(store.db, {
        what,
        ...(options.from ? { from: parseBoundary(options.from, '--from', false) } : {}),
        ...(options.to ? { to: parseBoundary(options.to, '--to', true) } : {}),
      });
      const text =
        options.format === 'json'
          ? `${JSON.stringify(records, null, 2)}\n`
          : toCsv(exportColumns(what), records, { bom: options.bom === true });
      if (options.output) writeFileSync(options.output, text);
      else process.stdout.write(text);
      process.exitCode = EXIT_OK;
    } catch (error) {
      process.stderr.write(databaseFailure(error));
      process.exitCode = EXIT_FAILURE;
    } finally {
      await store.close();
    }
  });
}
