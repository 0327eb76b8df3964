import type { DurableRuntime } from '@tongban/adapters';
import type { Command } from 'commander';
import { resolveLang } from '../../i18n/lang.js';
import { UsageError } from '../../usage-error.js';
import { type ActorCliOptions, actorFrom, actorOptions, collect, variablesFrom } from './actor.js';
import { type CaseCliOptions, caseOptions, commaList, withRuntime } from './open-runtime.js';
import { printCase } from './print-case.js';

interface StartCliOptions extends CaseCliOptions, ActorCliOptions {
  readonly caseId: string;
  readonly coDepartments?: string;
  readonly var?: string[];
  readonly matterCode?: string;
  readonly pending?: boolean;
}

interface CompleteCliOptions extends CaseCliOptions, ActorCliOptions {
  readonly task: string;
  readonly department: string;
  readonly outcome?: string;
  readonly opinion?: string;
  readonly var?: string[];
}

/** `tongban case start`: 受理 a case on the latest deployed version of a process. */
export function registerStart(group: Command): void {
  caseOptions(
    actorOptions(
      group
        .command('start')
        .description('受理: start a case on the latest deployed version of a process (see `tongban deploy`)')
        .argument('<processId>', 'the BPMN process id')
        .requiredOption('--case-id <id>', 'the new case id (办件编号)')
        .option('--co-departments <list>', 'co-handling departments (协办部门), comma-separated')
        .option('--var <name=value>', 'a case variable; repeat for more (JSON values, else text)', collect)
        .option('--matter-code <code>', '事项编码 stored on the case (default: the model’s matter code)')
        .option('--pending', 'only register it (收件): it waits for `accept` before its clock runs')
        .option('--department <name>', 'the acting staff member’s department'),
    ),
  ).action(async (processId: string, options: StartCliOptions) => {
    const lang = resolveLang(options.lang);
    const actor = actorFrom(options);
    const variables = variablesFrom(options.var);
    const coDepartments = commaList(options.coDepartments);
    await withRuntime(options, async (runtime) => {
      await runtime.startLatest(
        processId,
        {
          caseId: options.caseId,
          ...(variables ? { variables } : {}),
          ...(coDepartments ? { coDepartments } : {}),
          ...(options.pending ? { intake: 'pending' as const } : {}),
          ...(actor ? { actor } : {}),
        },
        options.matterCode === undefined ? {} : { matterCode: options.matterCode },
      );
      await printCase(runtime, options.caseId, lang, { json: options.json === true });
    });
  });
}

/**
 * The task `--task` names: a task id as `case show` prints it, or the BPMN id of the one open task
 * of that department with it (`--task review`), which is what a person at a terminal knows.
 */
async function taskIdFor(runtime: DurableRuntime, caseId: string, task: string, department: string) {
  const open = await runtime.openTasks(caseId);
  if (open.some((t) => t.id === task)) return task;
  const byElement = open.filter((t) => t.elementId === task && t.department === department);
  return byElement.length === 1 ? (byElement[0]?.id ?? task) : task;
}

/** `tongban case complete`: a department completes its open task. */
export function registerComplete(group: Command): void {
  caseOptions(
    actorOptions(
      group
        .command('complete')
        .description('a department completes its open task, with an outcome and an opinion')
        .argument('<caseId>', 'the case')
        .requiredOption('--task <id>', 'the open task: its id (as `case show` prints it) or its BPMN id')
        .requiredOption('--department <name>', 'the department completing it (and the actor’s)')
        .option('--outcome <outcome>', 'e.g. approve or reject (as the model’s conditions read it)')
        .option('--opinion <text>', '审查意见')
        .option('--var <name=value>', 'a case variable to set; repeat for more', collect),
    ),
  ).action(async (caseId: string, options: CompleteCliOptions) => {
    const lang = resolveLang(options.lang);
    const actor = actorFrom(options);
    const variables = variablesFrom(options.var);
    if (options.task === '' || options.department === '')
      throw new UsageError('--task and --department must not be empty');
    await withRuntime(options, async (runtime) => {
      const taskId = await taskIdFor(runtime, caseId, options.task, options.department);
      await runtime.execute(caseId, {
        type: 'completeTask',
        taskId,
        department: options.department,
        ...(options.outcome === undefined ? {} : { outcome: options.outcome }),
        ...(options.opinion === undefined ? {} : { opinion: options.opinion }),
        ...(variables ? { variables } : {}),
        ...(actor ? { actor } : {}),
      });
      await printCase(runtime, caseId, lang, { json: options.json === true });
    });
  });
}
