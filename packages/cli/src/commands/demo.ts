import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileBpmn, computeStatistics, formatStatistics, type Scenario } from '@tongban/engine';
import type { Command } from 'commander';
import pc from 'picocolors';
import { type DemoStep, runScenarioDurably } from '../demo/durable-scenario.js';
import { readableLine, shortTime } from '../format/timeline.js';
import { statisticsLabels, statisticsLegend } from '../i18n/stats-messages.js';
import { lightName, statusName } from '../i18n/status-names.js';
import { EXIT_FAILURE, EXIT_OK } from '../program.js';
import { elapsed, progressLine } from '../progress.js';
import { readInputFile, readJsonFile } from '../read-input.js';
import { diagnosticLine } from './validate.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The examples folder of the repository this CLI runs from. */
export const EXAMPLES_DIR = join(here, '..', '..', '..', '..', 'examples');

export function register(program: Command): void {
  program
    .command('demo')
    .description(
      'run the construction-permit example end to end on an embedded PGlite database and print its timeline',
    )
    .option('--example <name>', 'example folder under examples/', 'construction-permit')
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
      const started = performance.now();
      // The demo's screen is Chinese (see below); its progress lines on stderr are too.
      const step = (s: DemoStep): void => {
        if (s.kind === 'opening') progressLine('正在初始化嵌入式数据库（PGlite）…');
        else if (s.kind === 'opened')
          progressLine(`数据库已就绪（${elapsed(started)} 秒），正在部署流程定义…`);
        else progressLine(`正在办理演示办件（${s.steps} 步，定时器由定时任务触发）…`);
      };
      const result = await runScenarioDurably(definition, scenario, step);
      progressLine(`办理完成（共 ${elapsed(started)} 秒）`);
      for (const event of result.events) {
        const line = readableLine(definition.model, event);
        if (line !== null) out(line);
      }
      out('');
      const snap = result.snapshot;
      const due = snap.dueAt === null ? '' : `，承诺期限 ${shortTime(snap.dueAt - 1).slice(0, 10)}`;
      // The timeline is Chinese, so the summary is too: one language per screen.
      const light = snap.light === null ? '-' : lightName(snap.light, 'zh-CN');
      out(`结果：${statusName(snap.status, 'zh-CN')}${due}，灯色 ${light}，事件 ${result.events.length} 条`);
      out(`审计链：${result.chain.ok ? '校验通过' : '校验失败'}（PGlite 内嵌数据库，每条命令一个事务）`);
      out('');
      out(pc.bold('效能统计（按部门）'));
      const rows = computeStatistics(result.events, {
        from: Number.MIN_SAFE_INTEGER,
        to: Number.MAX_SAFE_INTEGER,
        by: 'department',
      });
      out(formatStatistics(rows, 'department', statisticsLabels('department', 'zh-CN')));
      out(statisticsLegend('zh-CN').trimEnd());
      process.exitCode = EXIT_OK;
    });
}
