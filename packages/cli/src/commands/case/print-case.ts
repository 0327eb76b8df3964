import type { CaseRow, DurableRuntime } from '@tongban/adapters';
import { CaseNotFoundError } from '@tongban/adapters';
import { type CaseSnapshot, type Instant, type Light, snapshotTasks, type TaskRecord } from '@tongban/engine';
import { beijingLastDay } from '@tongban/engine/supervision';
import { shortTime } from '../../format/timeline.js';
import { caseMessages } from '../../i18n/case-messages.js';
import type { Lang } from '../../i18n/lang.js';
import { lightName, statusName } from '../../i18n/status-names.js';

/** People read a deadline as its last day (截止日期), not as the midnight after it. */
export const lastDayOf = (dueAt: Instant | null): string => (dueAt === null ? '-' : beijingLastDay(dueAt));

/** A light in words, `-` for none. */
export const lightWord = (light: Light | null | undefined, lang: Lang): string =>
  light === null || light === undefined ? '-' : lightName(light, lang);

/** A light as the tables show it (`● 绿`), before colour; `-` for none. */
export const lightLabel = (light: Light | null, lang: Lang): string =>
  light === null ? '-' : `● ${lightName(light, lang)}`;

/** What `case show` (and every command on a case, after it) reports: the case as stored now. */
export interface CaseView {
  readonly caseId: string;
  readonly processId: string;
  readonly definitionHash: string;
  readonly matterCode: string | null;
  readonly status: string;
  readonly light: Light | null;
  readonly dueAt: Instant | null;
  readonly lastDay: string | null;
  readonly receivedAt: Instant;
  readonly openTasks: readonly (TaskRecord & {
    readonly light: Light | null;
    readonly lastDay: string | null;
  })[];
}

/** The case row as a {@link CaseView}; throws `NO_CASE` when there is no such case. */
export async function readCaseView(runtime: DurableRuntime, caseId: string): Promise<CaseView> {
  const row: CaseRow | null = await runtime.getCase(caseId);
  if (row === null) throw new CaseNotFoundError(caseId);
  const snapshot = row.snapshot as CaseSnapshot;
  const lights = snapshot.machine.context.lights as Readonly<Record<string, Light>>;
  return {
    caseId: row.id,
    processId: row.processId,
    definitionHash: row.definitionHash,
    matterCode: row.matterCode,
    status: row.status,
    light: row.light as Light | null,
    dueAt: row.dueAt,
    lastDay: row.dueAt === null ? null : beijingLastDay(row.dueAt),
    receivedAt: row.startedAt,
    openTasks: snapshotTasks(snapshot).map((task) => ({
      ...task,
      light: Object.hasOwn(lights, task.id) ? (lights[task.id] ?? null) : null,
      lastDay: task.dueAt === null ? null : beijingLastDay(task.dueAt),
    })),
  };
}

/** The case in lines: status, light and last day, then each open task. */
export function formatCaseView(view: CaseView, lang: Lang, withMatter: boolean): string {
  const say = caseMessages(lang);
  const lines = [
    say.caseLine(
      view.caseId,
      statusName(view.status, lang),
      lightWord(view.light, lang),
      view.lastDay ?? '-',
    ),
  ];
  if (withMatter) lines.push(say.matter(view.matterCode ?? '-', view.processId, shortTime(view.receivedAt)));
  if (view.openTasks.length === 0) lines.push(say.noOpenTasks);
  else {
    lines.push(say.openTasks);
    for (const task of view.openTasks) {
      lines.push(
        say.taskLine(
          task.id,
          task.department ?? '-',
          task.name ?? task.elementId,
          lightWord(task.light, lang),
          task.lastDay ?? '-',
        ),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Prints the case as it is now, as text or (with `json`) as a {@link CaseView}. */
export async function printCase(
  runtime: DurableRuntime,
  caseId: string,
  lang: Lang,
  options: { readonly json?: boolean; readonly withMatter?: boolean },
): Promise<void> {
  const view = await readCaseView(runtime, caseId);
  process.stdout.write(
    options.json
      ? `${JSON.stringify(view, null, 2)}\n`
      : formatCaseView(view, lang, options.withMatter === true),
  );
}
