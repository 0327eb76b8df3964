import { type Diagnostic, validateBpmn } from '@tongban/engine';
import type { Command } from 'commander';
import { EXIT_FAILURE, EXIT_OK } from '../program.js';
import { readInputFile } from '../read-input.js';

/** One line per diagnostic: `elementId code message` (`-` when the problem is the whole document). */
export function diagnosticLine(d: Diagnostic): string {
  return `${d.elementId ?? '-'} ${d.code} ${d.message}`;
}

export function register(program: Command): void {
  program
    .command('validate')
    .description(
      'check that a BPMN file compiles; print one line per diagnostic (exit 0 ok, 1 problems, 2 usage)',
    )
    .argument('<file.bpmn>', 'BPMN 2.0 XML file')
    .option('--json', 'print {ok, diagnostics} as JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const xml = readInputFile(file);
      const result = await validateBpmn(xml);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      } else {
        for (const d of result.diagnostics) {
          const line = `${diagnosticLine(d)}\n`;
          if (d.severity === 'error') process.stdout.write(line);
          else process.stderr.write(`warning: ${line}`);
        }
      }
      process.exitCode = result.ok ? EXIT_OK : EXIT_FAILURE;
    });
}
