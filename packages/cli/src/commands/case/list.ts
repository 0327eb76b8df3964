import { CASE_STATUSES, type CaseQuery, type CaseStatus, type Light } from '@tongban/engine';
import type { Command } from 'commander';
import { formatTable } from '../../format/table.js';
import { displayWidth } from '../../format/text-width.js';
import { shortTime } from '../../format/timeline.js';
import { caseMessages } from '../../i18n/case-messages.js';
import { resolveLang } from '../../i18n/lang.js';
import { statusName } from '../../i18n/status-names.js';
import { parseBoundary } from '../../supervision/dates.js';
import { UsageError } from '../../usage-error.js';
import { lightCell } from '../board.js';
import {
  type CaseCliOptions,
  caseOptions,
  commaList,
  positiveInt,
  printJson,
  withRuntime,
} from './open-runtime.js';
import { lastDayOf, lightLabel } from './print-case.js';

interface ListCliOptions extends CaseCliOptions {
  readonly status?: string;
  readonly matter?: string;
  readonly light?: string;
  readonly department?: string;
  readonly from?: string;
  readonly to?: string;
  readonly limit?: string;
  readonly offset?: string;
}

const STATUSES: readonly CaseStatus[] = CASE_STATUSES;
const LIGHTS: readonly Light[] = ['red', 'yellow', 'green'];

/** A comma list whose every entry is one of `allowed`, for `name`. */
export function choices<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  name: string,
): T[] | undefined {
  const list = commaList(value);
  if (list === undefined) return undefined;
  for (const item of list)
    if (!(allowed as readonly string[]).includes(item))
      throw new UsageError(`${name} takes ${allowed.join(', ')} (comma-separated), got ${item}`);
  return list as T[];
}

/** `--limit` and `--offset` as a page. */
export function pageOptions(options: { limit?: string; offset?: string }): { limit: number; offset: number } {
  return {
    limit: positiveInt(options.limit, '--limit', 50),
    offset: positiveInt(options.offset, '--offset', 0, 0),
  };
}

/** `tongban case list`: 办件查询, newest received first. */
export function registerList(group: Command): void {
  caseOptions(
    group
      .command('list')
      .description('办件查询: cases by status, matter, light, department and received date, newest first')
      .option('--status <list>', `only these statuses (comma-separated): ${STATUSES.join(', ')}`)
      .option('--matter <code>', 'only this matter (事项编码)')
      .option('--light <list>', 'only these lights (comma-separated): red, yellow, green')
      .option('--department <name>', 'only cases with an open task of this department')
      .option('--from <date>', 'received on or after this day (YYYY-MM-DD, Beijing) or ISO instant')
      .option('--to <date>', 'received on or before this day (YYYY-MM-DD, Beijing) or before an ISO instant')
      .option('--limit <n>', 'page size, 1 to 500 (default 50)')
      .option('--offset <n>', 'cases to skip (default 0)'),
  ).action(async (options: ListCliOptions) => {
    const lang = resolveLang(options.lang);
    const status = choices(options.status, STATUSES, '--status');
    const light = choices(options.light, LIGHTS, '--light');
    const query: CaseQuery = {
      ...pageOptions(options),
      ...(status ? { status } : {}),
      ...(light ? { light } : {}),
      ...(options.matter === undefined ? {} : { matterCode: options.matter }),
      ...(options.department === undefined ? {} : { department: options.department }),
      ...(options.from === undefined ? {} : { receivedFrom: parseBoundary(options.from, '--from', false) }),
      ...(options.to === undefined ? {} : { receivedTo: parseBoundary(options.to, '--to', true) }),
    };
    await withRuntime(options, async (runtime) => {
      const page = await runtime.searchCases(query);
      if (options.json) return printJson(page);
      const say = caseMessages(lang);
      if (page.items.length === 0) {
        process.stdout.write(`${page.total === 0 ? say.noCases : say.page(0, 0, page.total)}\n`);
        return;
      }
      const rows = page.items.map((c) => [
        lightLabel(c.light, lang),
        c.caseId,
        c.matterCode ?? '-',
        statusName(c.status, lang),
        lastDayOf(c.dueAt),
        shortTime(c.receivedAt),
      ]);
      const table = formatTable(say.listHeader, rows, (text, row, column) =>
        column === 0 ? lightCell(page.items[row]?.light ?? null, displayWidth(text), lang) : text,
      );
      const first = (query.offset ?? 0) + 1;
      process.stdout.write(`${table}\n${say.page(first, first + page.items.length - 1, page.total)}\n`);
    });
  });
}
