import { compileBpmn, decodeBpmnBytes } from '@tongban/engine';
import type { Command } from 'commander';
import { diagnosticLine } from '../format/diagnostic-line.js';
import { explainFile } from '../format/explain.js';
import { modelSummary } from '../format/model-summary.js';
import { LANG_HELP, resolveLang } from '../i18n/lang.js';
import { EXIT_FAILURE, EXIT_OK } from '../options/exit-codes.js';
import { readInputBytes } from '../read-input.js';

interface Options {
  readonly json?: boolean;
  readonly explain?: boolean;
  readonly lang?: string;
}

async function validateFile(file: string) {
  // Bytes that are not UTF-8/UTF-16 are the file's problem, not the command's: a diagnostic
  // (exit 1) like any other, so the designer's and the CLI's answers agree.
  const decoded = decodeBpmnBytes(readInputBytes(file));
  return decoded.ok
    ? await compileBpmn(decoded.text)
    : { ok: false as const, diagnostics: [decoded.diagnostic] };
}

export function register(program: Command): void {
  program
    .command('validate')
    .description(
      'check that BPMN files compile; print one line per diagnostic, or a one-line ok summary (exit 0 ok, 1 problems, 2 usage)',
    )
    .argument('<file.bpmn...>', 'BPMN 2.0 XML files')
    .option(
      '--json',
      'print {ok, diagnostics} as JSON (an array of {file, ok, diagnostics} for several files)',
    )
    .option(
      '--explain',
      'per file, what was taken from which vendor attribute or lane (candidate groups, JUEL, Java delegates), then the other diagnostics',
    )
    .option('--lang <lang>', LANG_HELP)
    .action(async (files: string[], options: Options) => {
      const lang = resolveLang(options.lang);
      const results = [];
      for (const file of files) results.push({ file, ...(await validateFile(file)) });
      if (options.json) {
        const shaped = results.map(({ file, ok, diagnostics }) => ({ file, ok, diagnostics }));
        const output =
          shaped.length === 1 ? { ok: shaped[0]?.ok, diagnostics: shaped[0]?.diagnostics } : shaped;
        process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
      } else if (options.explain) {
        for (const { file, ok, diagnostics } of results) {
          process.stdout.write(explainFile(file, ok, diagnostics, lang));
        }
      } else {
        for (const result of results) {
          for (const d of result.diagnostics) {
            const line = `${diagnosticLine(d, lang)}\n`;
            if (d.severity === 'error') process.stdout.write(line);
            else process.stderr.write(`${lang === 'en' ? 'warning' : '警告'}: ${line}`);
          }
          if (result.ok) process.stdout.write(`${modelSummary(result.file, result.definition)}\n`);
        }
      }
      process.exitCode = results.every((result) => result.ok) ? EXIT_OK : EXIT_FAILURE;
    });
}
