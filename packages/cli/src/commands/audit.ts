import { verifyCase } from '@tongban/adapters';
import type { Command } from 'commander';
import { EXIT_FAILURE, EXIT_OK } from '../program.js';
import { type DatabaseCliOptions, databaseFailure, databaseOptions, openStore } from './migrate.js';

/** `tongban audit verify <caseId>`: checks a case's hash-chained event log. */
export function register(program: Command): void {
  const audit = program.command('audit').description('tamper-evident audit log of cases');
  databaseOptions(
    audit
      .command('verify')
      .description(
        "re-compute a case's event hash chain; exit 0 intact, 1 broken (prints the first broken event)",
      )
      .argument('<caseId>', 'case id')
      .option('--json', 'print the verdict as JSON'),
  ).action(async (caseId: string, options: DatabaseCliOptions & { json?: boolean }) => {
    const store = await openStore(options, 1);
    try {
      const verdict = await verifyCase(store.db, caseId);
      if (options.json) process.stdout.write(`${JSON.stringify(verdict)}\n`);
      else if (verdict.ok) process.stdout.write(`case ${caseId}: ${verdict.events} events, chain intact\n`);
      else process.stdout.write(`case ${caseId}: broken at event ${verdict.brokenAt}: ${verdict.reason}\n`);
      process.exitCode = verdict.ok ? EXIT_OK : EXIT_FAILURE;
    } catch (error) {
      process.stderr.write(databaseFailure(error));
      process.exitCode = EXIT_FAILURE;
    } finally {
      await store.close();
    }
  });
}
