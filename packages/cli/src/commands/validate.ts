import { compileBpmn, type Diagnostic, decodeBpmnBytes } from '@tongban/engine';
import { localize } from '@tongban/engine/messages';
import type { Command } from 'commander';
import { modelSummary } from '../format/model-summary.js';
import { LANG_HELP, type Lang, resolveLang } from '../i18n/lang.js';
import { EXIT_FAILURE, EXIT_OK } from '../program.js';
import { readInputBytes } from '../read-input.js';

/**
 * One line per diagnostic: `elementId code message` (`-` when the problem is the whole document).
 * In Chinese the message is the catalogue's (`@tongban/engine/messages`, in the designer's field
 * names; the line starts with the element id already); in English it is the engine's own, which
 * names the attribute and the value it read.
 */
export function diagnosticLine(d: Diagnostic, lang: Lang = resolveLang(undefined)): string {
  const message = lang === 'en' ? d.message : localize(d, lang, { describe: () => '' });
  return `${d.elementId ?? '-'} ${d.code} ${message}`;
}

export function register(program: Command): void {
  program
    .command('validate')
    .description(
      'check that a BPMN file compiles; print one line per diagnostic, or a one-line ok summary (exit 0 ok, 1 problems, 2 usage)',
    )
    .argument('<file.bpmn>', 'BPMN 2.0 XML file')
    .option('--json', 'print {ok, diagnostics} as JSON')
    .option('--lang <lang>', LANG_HELP)
    .action(async (file: string, options: { json?: boolean; lang?: string }) => {
      const lang = resolveLang(options.lang);
      // Bytes that are not UTF-8/UTF-16 are the file's problem, not the command's: a diagnostic
      // (exit 1) like any other, so the designer's and the CLI's answers agree.
      const decoded = decodeBpmnBytes(readInputBytes(file));
      const compiled = decoded.ok
        ? await compileBpmn(decoded.text)
        : { ok: false as const, diagnostics: [decoded.diagnostic] };
      const result = { ok: compiled.ok, diagnostics: compiled.diagnostics };
      if (options.json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      } else {
        for (const d of result.diagnostics) {
          const line = `${diagnosticLine(d, lang)}\n`;
          if (d.severity === 'error') process.stdout.write(line);
          else process.stderr.write(`${lang === 'en' ? 'warning' : '警告'}: ${line}`);
        }
        if (compiled.ok) process.stdout.write(`${modelSummary(file, compiled.definition)}\n`);
      }
      process.exitCode = result.ok ? EXIT_OK : EXIT_FAILURE;
    });
}
