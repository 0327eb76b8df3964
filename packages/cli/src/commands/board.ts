import type { Light } from '@tongban/engine';
import type { Command } from 'commander';
import pc from 'picocolors';
import { displayWidth, padCell } from '../format/text-width.js';
import { boardMessages } from '../i18n/board-messages.js';
import { LANG_HELP, type Lang, resolveLang } from '../i18n/lang.js';
import { lightName, statusName } from '../i18n/status-names.js';
import { registryOrExit } from '../options/calendar.js';
import { type DatabaseCliOptions, databaseFailure, databaseOptions, openStore } from '../options/database.js';
import { EXIT_FAILURE, EXIT_OK } from '../options/exit-codes.js';
import { type BoardCase, queryBoard } from '../supervision/adapters.js';
import { parseBoundary } from '../supervision/dates.js';
import { UsageError } from '../usage-error.js';

interface BoardCliOptions extends DatabaseCliOptions {
  readonly matter?: string;
  readonly department?: string;
  readonly region?: string;
  readonly light?: string;
  readonly limit?: string;
  readonly now?: string;
  readonly json?: boolean;
  readonly overlay?: string[];
  readonly lang?: string;
}

const LIGHTS: Readonly<Record<Light, (text: string) => string>> = {
  red: (text) => pc.red(text),
  yellow: (text) => pc.yellow(text),
  green: (text) => pc.green(text),
};
/** A light as a coloured dot and its name (the name stays when colour is off), padded to `width`. */
export function lightCell(light: Light | null, width = 0, lang: Lang = 'zh-CN'): string {
  if (light === null) return padCell('-', width);
  return LIGHTS[light](padCell(`● ${lightName(light, lang)}`, width));
}

const days = (n: number | null): string => (n === null ? '-' : String(n));
// People read a deadline as its last day (截止日期), not as the midnight after it when it turns red.
const lastDay = (day: string | null): string => day ?? '-';

/** The board as a table: one line per case, then its open tasks indented beneath it. */
export function formatBoard(board: readonly BoardCase[], lang: Lang = 'zh-CN'): string {
  const messages = boardMessages(lang);
  if (board.length === 0) return `${messages.empty}\n`;
  const header = [...messages.header];
  const cells = board.map((item) => [
    item.urgency === null ? '-' : `● ${lightName(item.urgency, lang)}`,
    item.caseId,
    item.matterCode ?? '-',
    item.leadDepartment ?? '-',
    item.responsible ?? '-',
    lastDay(item.lastDay),
    days(item.remainingWorkingDays),
    statusName(item.status, lang),
  ]);
  const widths = header.map((_, column) =>
    Math.max(...[header, ...cells].map((line) => displayWidth(line[column] ?? ''))),
  );
  const row = (line: string[], light?: Light | null): string =>
    line
      .map((text, column) =>
        column === 0 && light !== undefined
          ? lightCell(light, widths[0], lang)
          : padCell(text, widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  const out = [row(header)];
  board.forEach((item, index) => {
    out.push(row(cells[index] ?? [], item.urgency));
    for (const task of item.tasks) {
      out.push(
        `    ${lightCell(task.light, 0, lang)}  ${task.department ?? '-'} ${task.name ?? task.elementId}` +
          messages.task(lastDay(task.lastDay), days(task.remainingWorkingDays), task.responsible),
      );
    }
  });
  return `${out.join('\n')}\n`;
}

function lightOption(value: string | undefined): Light | undefined {
  if (value === undefined) return undefined;
  if (value === 'red' || value === 'yellow' || value === 'green') return value;
  throw new UsageError(`--light is red, yellow or green, got ${value}`);
}

/** `tongban board`: the live supervision board. */
export function register(program: Command): void {
  databaseOptions(
    program
      .command('board')
      .description(
        'live supervision board: open cases most urgent first (red, yellow, green), with their open tasks',
      )
      .option('--matter <code>', 'only this matter (事项编码)')
      .option(
        '--department <name>',
        'only cases this department leads or holds an open task in, with only its own open tasks',
      )
      .option('--region <name>', 'only this province, city or county')
      .option('--light <light>', 'only cases of this urgency: red, yellow or green')
      .option('--limit <n>', 'most cases shown', '50')
      .option('--now <instant>', 'judge lights at this date or ISO instant (default: now)')
      .option('--json', 'print the board as JSON')
      .option('--lang <lang>', LANG_HELP)
      .option(
        '--overlay <file...>',
        'JSON calendar overlay(s) the cases count on, as given to the worker (see docs/time-rules.md)',
      ),
  ).action(async (options: BoardCliOptions) => {
    const limit = Number(options.limit ?? '50');
    if (!Number.isInteger(limit) || limit < 1)
      throw new UsageError(`--limit must be a positive integer, got ${options.limit}`);
    const light = lightOption(options.light);
    const lang = resolveLang(options.lang);
    const now = options.now === undefined ? Date.now() : parseBoundary(options.now, '--now', false);
    // Read before anything opens: a bad overlay stops here, before the database is touched.
    const calendars = registryOrExit(options.overlay, 'board');
    if (calendars === null) return;
    const store = await openStore(options, 1);
    try {
      const board = await queryBoard(store.db, {
        now,
        limit,
        calendars,
        ...(options.matter ? { matter: options.matter } : {}),
        ...(options.department ? { department: options.department } : {}),
        ...(options.region ? { region: options.region } : {}),
        ...(light ? { light } : {}),
      });
      process.stdout.write(options.json ? `${JSON.stringify(board, null, 2)}\n` : formatBoard(board, lang));
      process.exitCode = EXIT_OK;
    } catch (error) {
      process.stderr.write(databaseFailure(error));
      process.exitCode = EXIT_FAILURE;
    } finally {
      await store.close();
    }
  });
}
