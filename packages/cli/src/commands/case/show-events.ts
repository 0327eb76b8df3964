import type { CaseEvent } from '@tongban/engine';
import type { Command } from 'commander';
import { readableLine, shortTime } from '../../format/timeline.js';
import { caseMessages } from '../../i18n/case-messages.js';
import { resolveLang } from '../../i18n/lang.js';
import { type CaseCliOptions, caseOptions, printJson, withRuntime } from './open-runtime.js';
import { printCase, readCaseView } from './print-case.js';

/** `tongban case show`: a case's status, light, last day and open tasks. */
export function registerShow(group: Command): void {
  caseOptions(
    group
      .command('show')
      .description('a case: status, light, last day (截止日期) and its open tasks with their own lights')
      .argument('<caseId>', 'the case'),
  ).action(async (caseId: string, options: CaseCliOptions) => {
    const lang = resolveLang(options.lang);
    await withRuntime(options, (runtime) =>
      printCase(runtime, caseId, lang, { json: options.json === true, withMatter: true }),
    );
  });
}

/** `tongban case events`: a case's record (its audit log), oldest first. */
export function registerEvents(group: Command): void {
  caseOptions(
    group
      .command('events')
      .description('a case’s events (its hash-chained audit log), oldest first')
      .argument('<caseId>', 'the case'),
  ).action(async (caseId: string, options: CaseCliOptions) => {
    const lang = resolveLang(options.lang);
    await withRuntime(options, async (runtime) => {
      const view = await readCaseView(runtime, caseId); // NO_CASE for a case that does not exist
      const rows = await runtime.events(caseId);
      if (options.json) {
        printJson(rows.map((row) => ({ seq: row.seq, type: row.type, at: row.at, event: row.payload })));
        return;
      }
      const { model } = await runtime.definition(view.definitionHash);
      const lines = rows.map((row) => {
        const event = row.payload as CaseEvent;
        // Events the timeline has no words for are shown by their type.
        const text = readableLine(model, event, lang) ?? `${shortTime(row.at)}  ${row.type}`;
        return `${String(row.seq).padStart(3)}  ${text}`;
      });
      const say = caseMessages(lang);
      process.stdout.write(`${say.eventsOf(caseId, rows.length)}\n${lines.join('\n')}\n`);
    });
  });
}
