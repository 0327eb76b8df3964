import { readFileSync } from 'node:fs';
import { TongbanError } from '@tongban/engine';
import { localize } from '@tongban/engine/messages';
import { Command, CommanderError } from 'commander';
import { registerAll } from './commands/index.js';
import { langOfArgv } from './i18n/lang.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './options/exit-codes.js';
import { UsageError } from './usage-error.js';

export { EXIT_FAILURE, EXIT_OK, EXIT_USAGE };

/** This package's version (`tongban --version`), read from its package.json in src/ and dist/ alike. */
export const CLI_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** Builds the `tongban` program. Exported so tests can run commands in-process. */
export function buildProgram(): Command {
  const program = new Command('tongban')
    .description('Tongban (通办): parallel approval with electronic supervision')
    .version(CLI_VERSION, '-V, --version', 'print the version of tongban')
    .exitOverride()
    .showHelpAfterError();
  registerAll(program);
  return program;
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT_OK;
      return EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`tongban: ${error.message}\n`);
      return EXIT_USAGE;
    }
    // A typed refusal (e.g. DATA_DIR_LOCKED: the data directory is open in another process): its
    // message says what to do; a stack trace would not.
    if (error instanceof TongbanError) {
      // In Chinese from the catalogue (a code it does not know keeps its English message); the
      // English message is the more specific one, so English readers get it unchanged. The code
      // stays in ASCII brackets at the end in both, for scripts.
      const lang = langOfArgv(argv);
      const message = lang === 'en' ? error.message : localize(error, lang);
      process.stderr.write(`tongban: ${message} (${error.code})\n`);
      return EXIT_FAILURE;
    }
    throw error;
  }
}
