import type { Command } from 'commander';
import {
  type CalendarCliOptions,
  calendarFrom,
  calendarOptions,
  dateOption,
  runCalendarAnswer,
} from '../options/calendar.js';

interface WorkdaysOptions extends CalendarCliOptions {
  readonly from?: string;
  readonly to?: string;
}

/** `tongban workdays --from A --to B`: prints the working days after A up to and including B. */
export function register(program: Command): void {
  calendarOptions(
    program
      .command('workdays')
      .description(
        'number of working days after --from up to and including --to (negative when --to is earlier)',
      )
      .option('--from <date>', 'first day, not counted, YYYY-MM-DD')
      .option('--to <date>', 'last day, counted, YYYY-MM-DD'),
  ).action((options: WorkdaysOptions) => {
    const from = dateOption(options.from, '--from');
    const to = dateOption(options.to, '--to');
    runCalendarAnswer(() =>
      calendarFrom(options).workingDaysBetween(from, to, { provisional: options.provisional === true }),
    );
  });
}
