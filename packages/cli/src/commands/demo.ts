import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileBpmn, type Scenario } from '@tongban/engine';
import { beijingLastDay, computeStatistics } from '@tongban/engine/supervision';
import type { Command } from 'commander';
import pc from 'picocolors';
import { type DemoStep, runScenarioDurably } from '../demo/durable-scenario.js';
import { diagnosticLine } from '../format/diagnostic-line.js';
import { formatStatistics } from '../format/statistics-table.js';
import { readableLine } from '../format/timeline.js';
import { demoMessages } from '../i18n/demo-messages.js';
import { LANG_HELP, resolveLang } from '../i18n/lang.js';
import { statisticsLabels, statisticsLegend } from '../i18n/stats-messages.js';
import { lightName, statusName } from '../i18n/status-names.js';
import { EXIT_FAILURE, EXIT_OK } from '../options/exit-codes.js';
import { elapsed, progressLine } from '../progress.js';
import { readInputFile, readJsonFile } from '../read-input.js';

const here = dirname(fileURLToPath(import.meta.url));
/**
 * Where the demo finds its example matters: the copy shipped inside the published package
 * (`examples/`, made by `prepack`), else the repository's `examples/` when running from a checkout.
 */
export const EXAMPLES_DIR =
  [join(here, '..', '..', 'examples'), join(here, '..', '..', '..', '..', 'examples')].find((dir) =>
    existsSync(join(dir, 'construction-permit', 'construction-permit.bpmn')),
  ) ?? join(here, '..', '..', 'examples');

export function register(program: Command): void {
  program
    .command('demo')
    .description(
      'run the construction-permit example end to end on an embedded PGlite database and print its timeline',
    )
    .option(
      '--example <name>',
      'example matter to run (construction-permit or business-start)',
      'construction-permit',
    )
    .option('--lang <lang>', LANG_HELP)
    .action(async (options: { example: string; lang?: string }) => {
      const folder = join(EXAMPLES_DIR, options.example);
      const xml = readInputFile(join(folder, `${options.example}.bpmn`));
      const scenario = readJsonFile(join(folder, 'scenario.json')) as Scenario;
      const compiled = await compileBpmn(xml);
      if (!compiled.ok) {
        for (const d of compiled.diagnostics)
          process.stderr.write(`${diagnosticLine(d, resolveLang(options.lang))}\n`);
        process.exitCode = EXIT_FAILURE;
        return;
      }
      const { definition } = compiled;
      const matter = definition.matter;
      const lang = resolveLang(options.lang);
      const say = demoMessages(lang);
      const out = (line: string) => process.stdout.write(`${line}\n`);
      out(pc.bold(say.title(definition.model.name ?? definition.processId, matter?.name ?? null)));
      if (matter?.promisedLimit) out(say.limit(matter.promisedLimit.amount, definition.hash.slice(0, 12)));
      out('');
      const started = performance.now();
      const step = (s: DemoStep): void => {
        if (s.kind === 'opening') progressLine(say.opening);
        else if (s.kind === 'opened') progressLine(say.opened(elapsed(started)));
        else progressLine(say.running(s.steps));
      };
      const result = await runScenarioDurably(definition, scenario, step);
      progressLine(say.finished(elapsed(started)));
      for (const event of result.events) {
        const line = readableLine(definition.model, event, lang);
        if (line !== null) out(line);
      }
      out('');
      const snap = result.snapshot;
      const lastDay = snap.dueAt === null ? null : beijingLastDay(snap.dueAt);
      const light = snap.light === null ? '-' : lightName(snap.light, lang);
      out(say.result(statusName(snap.status, lang), lastDay, light, result.events.length));
      out(say.chain(result.chain.ok));
      out('');
      out(pc.bold(say.statistics));
      const rows = computeStatistics(result.events, {
        from: Number.MIN_SAFE_INTEGER,
        to: Number.MAX_SAFE_INTEGER,
        by: 'department',
      });
      out(formatStatistics(rows, 'department', statisticsLabels('department', lang)));
      out(statisticsLegend(lang).trimEnd());
      process.exitCode = EXIT_OK;
    });
}
