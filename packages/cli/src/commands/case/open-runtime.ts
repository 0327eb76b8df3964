import { DurableRuntime } from '@tongban/adapters';
import { TongbanError } from '@tongban/engine';
import type { Command } from 'commander';
import { LANG_HELP } from '../../i18n/lang.js';
import { registryOrExit } from '../../options/calendar.js';
import {
  type DatabaseCliOptions,
  databaseFailure,
  databaseOptions,
  openStore,
} from '../../options/database.js';
import { EXIT_FAILURE, EXIT_OK } from '../../options/exit-codes.js';
import { UsageError } from '../../usage-error.js';

/** What every command on cases takes: where the database is, overlays, language, JSON output. */
export interface CaseCliOptions extends DatabaseCliOptions {
  readonly overlay?: string[];
  readonly lang?: string;
  readonly json?: boolean;
}

/**
 * Adds the database, `--overlay` and `--lang` options every command on cases has, and `--json`
 * (print the result as JSON) unless the command takes `--json` for its input (`case command`).
 */
export function caseOptions(command: Command, jsonOutput = true): Command {
  const withOptions = databaseOptions(command)
    .option(
      '--overlay <file...>',
      'JSON calendar overlay(s) the cases count on, as given to the worker (see docs/time-rules.md)',
    )
    .option('--lang <lang>', LANG_HELP);
  return jsonOutput ? withOptions.option('--json', 'print the result as JSON') : withOptions;
}

/**
 * Opens the store the options name, runs `work` on a {@link DurableRuntime} over it, and closes
 * it. A typed refusal (a refused command, an unknown case) and a usage error go up to the CLI,
 * which prints one line with its code; a database that cannot be reached is one line too, exit 1.
 */
export async function withRuntime(
  options: CaseCliOptions,
  work: (runtime: DurableRuntime) => Promise<void>,
): Promise<void> {
  // Read before anything opens: a bad overlay stops here, before the database is touched.
  const calendars = registryOrExit(options.overlay, 'case');
  if (calendars === null) return;
  const store = await openStore(options, 1, true);
  try {
    await work(new DurableRuntime({ store, compileOptions: { calendars } }));
    process.exitCode ??= EXIT_OK;
  } catch (error) {
    if (error instanceof TongbanError || error instanceof UsageError) throw error;
    process.stderr.write(storeFailure(error));
    process.exitCode = EXIT_FAILURE;
  } finally {
    await store.close();
  }
}

/**
 * One line for a failure of the database: the driver's own message (drizzle's wrapper repeats the
 * whole statement and its parameters, which can be kilobytes), with what to do when the tables are
 * missing.
 */
export function storeFailure(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as { code?: unknown }).code;
  if (code === '42P01')
    return 'tongban: the database has no Tongban tables yet: run `tongban migrate` on it first (42P01)\n';
  if (cause instanceof Error && typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code))
    return `tongban: database error: ${cause.message.split('\n')[0]} (${code})\n`;
  return `${databaseFailure(error).split('\n')[0]}\n`;
}

/** A positive whole number option, or its default. */
export function positiveInt(value: string | undefined, name: string, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`${name} must be a whole number of at least ${min}, got ${value}`);
  return n;
}

/** A comma-separated list option (`a,b`), without empty entries; undefined when not given. */
export function commaList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** Prints a value as JSON on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
