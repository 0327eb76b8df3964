import type { Light, WorklistQuery, WorklistSort } from '@tongban/engine';
import type { Command } from 'commander';
import { formatTable } from '../format/table.js';
import { caseMessages } from '../i18n/case-messages.js';
import { resolveLang } from '../i18n/lang.js';
import { parseBoundary } from '../supervision/dates.js';
import { UsageError } from '../usage-error.js';
import { lightCell } from './board.js';
import { choices, pageOptions } from './case/list.js';
import { type CaseCliOptions, caseOptions, printJson, withRuntime } from './case/open-runtime.js';
import { lastDayOf, lightLabel } from './case/print-case.js';

interface WorklistCliOptions extends CaseCliOptions {
  readonly department?: string;
  readonly person?: string;
  readonly light?: string;
  readonly dueBefore?: string;
  readonly matter?: string;
  readonly sort?: string;
  readonly limit?: string;
  readonly offset?: string;
}

const SORTS: readonly WorklistSort[] = ['urgency', 'due', 'opened'];
const LIGHTS: readonly Light[] = ['red', 'yellow', 'green'];

/** `tongban worklist`: 待办 of a department and/or a person across cases. */
export function register(program: Command): void {
  caseOptions(
    program
      .command('worklist')
      .description(
        '待办: open tasks of a department and/or a person across cases, most urgent first (by each task’s own light)',
      )
      .option('--department <name>', 'the department that must act')
      .option('--person <id>', 'tasks this person claimed (签收), was delegated (委派) or assigned')
      .option('--light <list>', 'only tasks of these lights (comma-separated): red, yellow, green')
      .option(
        '--due-before <date>',
        'only tasks due by the end of this day (YYYY-MM-DD, Beijing) or ISO instant',
      )
      .option('--matter <code>', 'only this matter (事项编码)')
      .option('--sort <order>', 'urgency (default), due or opened')
      .option('--limit <n>', 'page size, 1 to 500 (default 50)')
      .option('--offset <n>', 'tasks to skip (default 0)'),
  ).action(async (options: WorklistCliOptions) => {
    if (options.department === undefined && options.person === undefined)
      throw new UsageError('worklist needs --department, --person, or both');
    const sort = options.sort as WorklistSort | undefined;
    if (sort !== undefined && !SORTS.includes(sort))
      throw new UsageError(`--sort is one of ${SORTS.join(', ')}, got ${options.sort}`);
    const lang = resolveLang(options.lang);
    const light = choices(options.light, LIGHTS, '--light');
    const query: WorklistQuery = {
      ...pageOptions(options),
      ...(options.department === undefined ? {} : { department: options.department }),
      ...(options.person === undefined ? {} : { person: options.person }),
      ...(light ? { light } : {}),
      ...(sort ? { sort } : {}),
      ...(options.matter === undefined ? {} : { matterCode: options.matter }),
      // Due "by the end of that day": a task due at 00:00 after it has that day as its last day.
      ...(options.dueBefore === undefined
        ? {}
        : { dueBefore: parseBoundary(options.dueBefore, '--due-before', true) }),
    };
    await withRuntime(options, async (runtime) => {
      const page = await runtime.worklist(query);
      if (options.json) return printJson(page);
      const say = caseMessages(lang);
      if (page.items.length === 0) {
        process.stdout.write(`${page.total === 0 ? say.noTasks : say.page(0, 0, page.total)}\n`);
        return;
      }
      const rows = page.items.map((item) => [
        `${lightLabel(item.light, lang)}${item.lightFrom === 'case' ? say.caseLightMark : ''}`,
        item.caseId,
        `${item.task.name ?? item.task.elementId} (${item.task.id})`,
        item.task.department ?? '-',
        lastDayOf(item.task.dueAt),
        item.matterCode ?? '-',
        item.task.claimedBy ?? item.task.delegatedTo ?? '-',
      ]);
      const table = formatTable(say.worklistHeader, rows, (text, row, column) => {
        const item = page.items[row];
        if (column !== 0 || item === undefined || item.light === null) return text;
        return text.replace(lightLabel(item.light, lang), lightCell(item.light, 0, lang));
      });
      const first = (query.offset ?? 0) + 1;
      const legend = page.items.some((item) => item.lightFrom === 'case') ? `\n${say.caseLightLegend}` : '';
      process.stdout.write(
        `${table}\n${say.page(first, first + page.items.length - 1, page.total)}${legend}\n`,
      );
    });
  });
}
