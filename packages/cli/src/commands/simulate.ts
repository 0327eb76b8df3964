import { compileBpmn, ScenarioError, simulate, timelineEntry } from '@tongban/engine';
import type { Command } from 'commander';
import { EXIT_FAILURE, EXIT_OK } from '../program.js';
import { readInputFile, readJsonFile } from '../read-input.js';
import { diagnosticLine } from './validate.js';

export function register(program: Command): void {
  program
    .command('simulate')
    .description(
      'dry-run a scenario on a BPMN model; print the case timeline as JSON lines (see docs/simulate.md)',
    )
    .argument('<file.bpmn>', 'BPMN 2.0 XML file')
    .argument('<scenario.json>', 'scenario: start, steps, until')
    .action(async (file: string, scenarioFile: string) => {
      const xml = readInputFile(file);
      const scenario = readJsonFile(scenarioFile);
      const compiled = await compileBpmn(xml);
      if (!compiled.ok) {
        for (const d of compiled.diagnostics) process.stderr.write(`${diagnosticLine(d)}\n`);
        process.exitCode = EXIT_FAILURE;
        return;
      }
      try {
        const result = await simulate(compiled.definition, scenario as never);
        for (const event of result.events) process.stdout.write(`${JSON.stringify(timelineEntry(event))}\n`);
        process.exitCode = EXIT_OK;
      } catch (error) {
        if (!(error instanceof ScenarioError)) throw error;
        process.stderr.write(`tongban simulate: ${error.code}: ${error.message}\n`);
        process.exitCode = EXIT_FAILURE;
      }
    });
}
