import { compileBpmn, decodeBpmnBytes } from '@tongban/engine';
import type { Command } from 'commander';
import { diagnosticLine } from '../format/diagnostic-line.js';
import { modelSummary } from '../format/model-summary.js';
import { EXIT_FAILURE, EXIT_OK } from '../options/exit-codes.js';
import { readInputBytes } from '../read-input.js';

export function register(program: Command): void {
  program
    .command('validate')
    .description(
      'check that a BPMN file compiles; print one line per diagnostic, or a one-line ok summary (exit 0 ok, 1 problems, 2 usage)',
    )
    .argument('<file.bpmn>', 'BPMN 2.0 XML file')
    .option('--json', 'print {ok, diagnostics} as JSON')
    .action(async (file: string, options: { json?: boolean }) => {
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
          const line = `${diagnosticLine(d)}\n`;
          if (d.severity === 'error') process.stdout.write(line);
          else process.stderr.write(`warning: ${line}`);
        }
        if (compiled.ok) process.stdout.write(`${modelSummary(file, compiled.definition)}\n`);
      }
      process.exitCode = result.ok ? EXIT_OK : EXIT_FAILURE;
    });
}
