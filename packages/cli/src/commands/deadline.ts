import type { Command } from 'commander';
import {
  type CalendarCliOptions,
  calendarFrom,
  calendarOptions,
  dateOption,
  runCalendarAnswer,
} from '../options/calendar.js';
import { UsageError } from '../usage-error.js';

function countOption(value: string, flag: string): number {
  if (!/^\d{1,6}$/.test(value)) throw new UsageError(`${flag} must be a whole number ≥ 0, got '${value}'.`);
  return Number(value);
}

interface DeadlineOptions extends CalendarCliOptions {
  readonly from?: string;
  readonly workingDays?: string;
  readonly naturalDays?: string;
}

/**
 * `tongban deadline --from YYYY-MM-DD (--working-days N | --natural-days N)`: prints the last day
 * of the limit (the acceptance day `--from` is not counted).
 */
export function register(program: Command): void {
  calendarOptions(
    program
      .command('deadline')
      .description(
        'last day of a time limit: N working (or natural) days after the acceptance day, which is not counted',
      )
      .option('--from <date>', 'acceptance day, YYYY-MM-DD')
      .option('--working-days <n>', 'limit in working days (工作日)')
      .option('--natural-days <n>', 'limit in natural days (自然日)'),
  ).action((options: DeadlineOptions) => {
    const from = dateOption(options.from, '--from');
    if ((options.workingDays === undefined) === (options.naturalDays === undefined)) {
      throw new UsageError('give exactly one of --working-days N and --natural-days N.');
    }
    runCalendarAnswer(() => {
      const calendar = calendarFrom(options);
      if (options.naturalDays !== undefined) {
        return {
          value: calendar.addNaturalDays(from, countOption(options.naturalDays, '--natural-days')),
          provisional: false,
        };
      }
      const n = countOption(options.workingDays ?? '', '--working-days');
      return calendar.addWorkingDays(from, n, { provisional: options.provisional === true });
    });
  });
}
