import { compileBpmn, timelineEntry } from '@tongban/engine';
import { CalendarHorizonError } from '@tongban/engine/calendar';
import { ScenarioError, simulate } from '@tongban/engine/testing';
import type { Command } from 'commander';
import { diagnosticLine } from '../format/diagnostic-line.js';
import { registryOrExit } from '../options/calendar.js';
import { EXIT_FAILURE, EXIT_OK } from '../options/exit-codes.js';
import { readInputFile, readJsonFile } from '../read-input.js';

interface SimulateOptions {
  readonly overlay?: string[];
  readonly provisional?: boolean;
}

export function register(program: Command): void {
  program
    .command('simulate')
    .description(
      'dry-run a scenario on a BPMN model; print the case timeline as JSON lines (see docs/simulate.md)',
    )
    .argument('<file.bpmn>', 'BPMN 2.0 XML file')
    .argument('<scenario.json>', 'scenario: start, steps, until')
    .option(
      '--overlay <file...>',
      'JSON calendar overlay(s) to load first, e.g. next year (docs/time-rules.md)',
    )
    .option('--provisional', 'past the holiday data, count weekdays only instead of failing')
    .action(async (file: string, scenarioFile: string, options: SimulateOptions) => {
      const xml = readInputFile(file);
      const scenario = readJsonFile(scenarioFile);
      const calendars = registryOrExit(options.overlay, 'simulate');
      if (calendars === null) return;
      const compiled = await compileBpmn(xml, { calendars, provisional: options.provisional === true });
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
        process.stderr.write(`tongban simulate: ${failureLine(error)}\n`);
        process.exitCode = EXIT_FAILURE;
      }
    });
}

/**
 * `CODE: message` for a scenario that cannot run. Past the holiday data the code is the calendar's
 * (the scenario is fine; the data is missing), with what to pass to this command to go on.
 */
function failureLine(error: ScenarioError): string {
  const horizon = error.refusal;
  if (horizon instanceof CalendarHorizonError) {
    const year = horizon.date.slice(0, 4);
    return (
      `${horizon.code}: ${error.message} Here: rerun with --overlay <file.json> giving ${year}'s ` +
      `holidays and make-up days for '${horizon.calendar}' (docs/time-rules.md, "Regional calendars and overlays"), ` +
      `or with --provisional to count weekdays only outside ${horizon.firstYear}–${horizon.lastYear}.`
    );
  }
  return `${error.code}: ${error.message}`;
}
