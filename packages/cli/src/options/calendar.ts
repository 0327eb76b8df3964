// Calendar options every calendar command shares, and how their answers are printed.
import { readFileSync } from 'node:fs';
import type { CalendarRegistry, WorkCalendar } from '@tongban/engine';
import {
  CalendarHorizonError,
  CalendarInputError,
  CalendarOverlayError,
  defaultCalendarRegistry,
  isCivilDate,
  UnknownCalendarError,
} from '@tongban/engine/calendar';
import type { Command } from 'commander';
import { UsageError } from '../usage-error.js';
import { EXIT_FAILURE } from './exit-codes.js';

/** Options every calendar command shares. */
export interface CalendarCliOptions {
  readonly calendar: string;
  readonly overlay?: string[];
  readonly provisional?: boolean;
}

/** Adds `--calendar`, `--overlay` and `--provisional` to a command. */
export function calendarOptions(command: Command): Command {
  return command
    .option('--calendar <name>', 'calendar to count on (CN, CN-GX, or one from --overlay)', 'CN')
    .option('--overlay <file...>', 'JSON calendar overlay(s) to load first (see docs/time-rules.md)')
    .option('--provisional', 'past the holiday data, answer on weekdays and warn instead of failing');
}

/** The built-in calendars with the given overlay files loaded on top, in order. */
export function registryFrom(overlays: readonly string[] | undefined): CalendarRegistry {
  let registry: CalendarRegistry = defaultCalendarRegistry();
  for (const file of overlays ?? []) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError(
        `cannot read overlay ${file}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    registry = registry.withOverlay(text, file);
  }
  return registry;
}

/**
 * For commands that open a database: the registry with `--overlay` loaded, read before anything
 * opens. A bad overlay prints `tongban <command>: <why>`, sets exit code 1 and gives `null`.
 */
export function registryOrExit(
  overlays: readonly string[] | undefined,
  command: string,
): CalendarRegistry | null {
  try {
    return registryFrom(overlays);
  } catch (error) {
    if (!(error instanceof CalendarOverlayError || error instanceof UnknownCalendarError)) throw error;
    process.stderr.write(`tongban ${command}: ${error.message}\n`);
    process.exitCode = EXIT_FAILURE;
    return null;
  }
}

/** The calendar the options name, after loading any overlays. UsageError for an unknown name. */
export function calendarFrom(options: CalendarCliOptions): WorkCalendar {
  const registry = registryFrom(options.overlay);
  try {
    return registry.getCalendar(options.calendar);
  } catch (error) {
    if (error instanceof UnknownCalendarError) throw new UsageError(error.message);
    throw error;
  }
}

/** A required civil-date option. */
export function dateOption(value: string | undefined, flag: string): string {
  if (value === undefined) throw new UsageError(`${flag} YYYY-MM-DD is required.`);
  if (!isCivilDate(value)) throw new UsageError(`${flag} '${value}' is not a date written YYYY-MM-DD.`);
  return value;
}

/**
 * Runs a calendar computation: prints its answer, or on a horizon or overlay problem prints the
 * message and sets exit code 1. A provisional answer gets a warning on stderr.
 */
export function runCalendarAnswer(compute: () => { value: string | number; provisional: boolean }): void {
  try {
    const { value, provisional } = compute();
    process.stdout.write(`${value}\n`);
    if (provisional) {
      process.stderr.write(
        'tongban: warning: provisional answer; it uses days past the holiday data, counted as plain weekdays (Mon–Fri).\n',
      );
    }
  } catch (error) {
    // A date the arithmetic cannot reach (e.g. past 9999-12-31) is a bad argument, not a crash.
    if (error instanceof CalendarInputError) {
      throw new UsageError(
        `the answer falls outside the years 0001–9999 that Tongban counts in (${error.message})`,
      );
    }
    if (error instanceof CalendarHorizonError || error instanceof CalendarOverlayError) {
      process.stderr.write(`tongban: ${error.message}\n`);
      process.exitCode = EXIT_FAILURE;
      return;
    }
    throw error;
  }
}
