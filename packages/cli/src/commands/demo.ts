import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileBpmn, type Scenario, statisticsSummary } from '@tongban/engine';
import type { Command } from 'commander';
import pc from 'picocolors';
import { runScenarioDurably } from '../demo/durable-scenario.js';
import { readableLine, shortTime } from '../format/timeline.js';
import { EXIT_FAILURE, EXIT_OK } from '../program.js';
import { readInputFile, readJsonFile } from '../read-input.js';
import { diagnosticLine } from './validate.js';

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
    .action(async (options: { example: string }) => {
      const folder = join(EXAMPLES_DIR, options.example);
      const xml = readInputFile(join(folder, `${options.example}.bpmn`));
      const scenario = readJsonFile(join(folder, 'scenario.json')) as Scenario;
      const compiled = await compileBpmn(xml);
      if (!compiled.ok) {
        for (const d of compiled.diagnostics) process.stderr.write(`${diagnosticLine(d)}\n`);
        process.exitCode = EXIT_FAILURE;
        return;
      }
      const { definition } = compiled;
      const matter = definition.matter;
      const out = (line: string) => process.stdout.write(`${line}\n`);
      out(
        pc.bold(
          `${definition.model.name ?? definition.processId}${matter?.name ? `（${matter.name}）` : ''}`,
        ),
      );
      if (matter?.promisedLimit) {
        out(`承诺时限 ${matter.promisedLimit.amount} 个工作日；定义版本 ${definition.hash.slice(0, 12)}`);
      }
      out('');
      const result = await runScenarioDurably(definition, scenario);
      for (const event of result.events) {
        const line = readableLine(definition.model, event);
        if (line !== null) out(line);
      }
      out('');
      const snap = result.snapshot;
      const due = snap.dueAt === null ? '' : `，承诺期限 ${shortTime(snap.dueAt - 1).slice(0, 10)}`;
      out(`结果：${snap.status}${due}，灯色 ${snap.light ?? '-'}，事件 ${result.events.length} 条`);
      out(`审计链：${result.chain.ok ? '校验通过' : '校验失败'}（PGlite 内嵌数据库，每条命令一个事务）`);
      out('');
      out(pc.bold('效能统计（按部门）'));
      out(statisticsSummary(result.events, 'department'));
      process.exitCode = EXIT_OK;
    });
}
