import { readFileSync, writeFileSync } from 'node:fs';
import { type AuditAnchor, createAnchor, readAnchor, verifyCase } from '@tongban/adapters';
import type { Command } from 'commander';
import { type DatabaseCliOptions, databaseFailure, databaseOptions, openStore } from '../options/database.js';
import { EXIT_FAILURE, EXIT_OK } from '../options/exit-codes.js';
import { UsageError } from '../usage-error.js';

interface KeyOptions {
  readonly keyFile?: string;
}

/**
 * The anchor key: the file's contents (trimmed), or $TONGBAN_ANCHOR_KEY. Keep it where the
 * database's administrators cannot read it: whoever holds it can sign a forged anchor.
 */
function anchorKey(options: KeyOptions): string {
  if (options.keyFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(options.keyFile, 'utf8').trim();
    } catch (error) {
      throw new UsageError(`cannot read --key-file ${options.keyFile}: ${(error as Error).message}`);
    }
    if (text.length < 16)
      throw new UsageError(`--key-file ${options.keyFile}: a key of at least 16 characters`);
    return text;
  }
  const fromEnv = process.env.TONGBAN_ANCHOR_KEY;
  if (fromEnv !== undefined && fromEnv.length >= 16) return fromEnv;
  throw new UsageError(
    'no anchor key: give --key-file FILE or set TONGBAN_ANCHOR_KEY (16 characters or more)',
  );
}

/** `tongban audit verify` and `tongban audit anchor`: the tamper-evident audit log of cases. */
export function register(program: Command): void {
  const audit = program.command('audit').description('tamper-evident audit log of cases');
  databaseOptions(
    audit
      .command('verify')
      .description(
        "re-compute a case's event hash chain, check it against an anchor, compare the case with its log; exit 0 intact, 1 broken",
      )
      .argument('<caseId>', 'case id')
      .option(
        '--anchor <file>',
        'an anchor written by `tongban audit anchor`: the chain must still hold its head',
      )
      .option('--key-file <file>', 'the anchor key (default: $TONGBAN_ANCHOR_KEY)')
      .option('--json', 'print the verdict as JSON'),
  ).action(
    async (
      caseId: string,
      options: DatabaseCliOptions & KeyOptions & { json?: boolean; anchor?: string },
    ) => {
      let anchor: AuditAnchor | undefined;
      if (options.anchor !== undefined) {
        const key = anchorKey(options);
        let text: string;
        try {
          text = readFileSync(options.anchor, 'utf8');
        } catch (error) {
          throw new UsageError(`cannot read --anchor ${options.anchor}: ${(error as Error).message}`);
        }
        anchor = readAnchor(text, key); // AnchorInvalidError: exit 1 with its message
      }
      const store = await openStore(options, 1);
      try {
        const verdict = await verifyCase(store.db, caseId, anchor === undefined ? {} : { anchor });
        if (options.json) process.stdout.write(`${JSON.stringify(verdict)}\n`);
        else if (verdict.ok) {
          const against = verdict.anchored ? `, holds the head anchored on ${verdict.anchored.at}` : '';
          process.stdout.write(`case ${caseId}: ${verdict.events} events, chain intact${against}\n`);
          if (anchor !== undefined && verdict.anchored === undefined)
            process.stderr.write(`tongban: case ${caseId} is not in the anchor: checked without it\n`);
        } else
          process.stdout.write(`case ${caseId}: broken at event ${verdict.brokenAt}: ${verdict.reason}\n`);
        process.exitCode = verdict.ok ? EXIT_OK : EXIT_FAILURE;
      } catch (error) {
        process.stderr.write(databaseFailure(error));
        process.exitCode = EXIT_FAILURE;
      } finally {
        await store.close();
      }
    },
  );

  databaseOptions(
    audit
      .command('anchor')
      .description(
        "sign every case's chain head with a key the database does not hold; keep the file outside the database's reach",
      )
      .option('--key-file <file>', 'the anchor key (default: $TONGBAN_ANCHOR_KEY)')
      .option('--output <file>', 'write the anchor to this file instead of stdout'),
  ).action(async (options: DatabaseCliOptions & KeyOptions & { output?: string }) => {
    const key = anchorKey(options);
    const store = await openStore(options, 1);
    try {
      const anchor = await createAnchor(store.db, key);
      const text = `${JSON.stringify(anchor, null, 2)}\n`;
      if (options.output === undefined) process.stdout.write(text);
      else {
        writeFileSync(options.output, text, { flag: 'wx' });
        process.stderr.write(`anchored ${anchor.heads.length} case(s) to ${options.output}\n`);
      }
      process.exitCode = EXIT_OK;
    } catch (error) {
      process.stderr.write(databaseFailure(error));
      process.exitCode = EXIT_FAILURE;
    } finally {
      await store.close();
    }
  });
}
