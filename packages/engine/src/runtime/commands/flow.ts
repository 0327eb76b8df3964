import type { CaseContext } from '../../model/context.js';
import { CommandError } from '../command-error.js';
import { completionProblem } from '../sign-operations.js';
import { supervisionOverdue } from '../supervision.js';
import { RULES } from '../who-may.js';
import { prepareCompletion } from './completion.js';
import { caseEvent } from './emit.js';
import { nonEmpty } from './shape.js';
import { ALWAYS, type CommandFamily, RUNNING, refuse } from './spec.js';

/** The open service task a host handler reports on. */
function serviceTask(context: CaseContext, taskId: string) {
  const task = context.tasks[taskId];
  if (task?.kind === 'service') return task;
  return new CommandError(
    'NOT_A_SERVICE_TASK',
    `Task ${taskId} is not an open service task in case ${context.caseId}.`,
    { caseId: context.caseId },
  );
}

/** The flow itself: tasks completed, service handlers' answers, messages and timers. */
export const FLOW: CommandFamily<
  'completeTask' | 'message' | 'fireTimer' | 'completeService' | 'failService'
> = {
  completeTask: {
    // 逾期未反馈视为同意: the system completes a task when its timeout action says so.
    whoMay: { staff: 'named', kinds: ['system'], anonymous: 'department' },
    shape: (c) => {
      if (!nonEmpty(c.taskId)) return 'completeTask needs a `taskId`';
      return nonEmpty(c.department) ? null : 'completeTask needs the completing `department`';
    },
    when: RUNNING,
    precheck: ({ definition, context, command }) => completionProblem(definition, context, command),
    prepare: ({ context, command }) => prepareCompletion(context, command),
  },
  message: {
    // A message comes from another system, the applicant (补正材料) or a person in the centre.
    whoMay: { staff: 'any', kinds: ['officer', 'admin', 'applicant', 'system'], anonymous: 'system' },
    shape: (c) => (nonEmpty(c.name) ? null : 'message needs a `name`'),
    when: RUNNING,
    prepare: ({ context, command }) => {
      Object.assign(context.vars, command.variables ?? {});
      caseEvent(context, 'message.received', { name: command.name });
      return { ok: true, events: [{ type: `message:${command.name}` }] };
    },
    // A message nobody waits for is refused, not dropped.
    unexpected: (command, caseId) =>
      new CommandError(
        'MESSAGE_NOT_EXPECTED',
        `Case ${caseId} is not waiting for message "${command.name}".`,
        {
          caseId,
        },
      ),
  },
  fireTimer: {
    whoMay: RULES.system,
    shape: (c) => (nonEmpty(c.timerId) ? null : 'fireTimer needs a `timerId`'),
    when: ALWAYS,
    prepare: ({ context, command }) => {
      const timer = context.timers[command.timerId];
      if (!timer) {
        return refuse(
          new CommandError(
            'UNKNOWN_TIMER',
            `Timer ${command.timerId} is not set in case ${context.caseId}.`,
            {
              caseId: context.caseId,
            },
          ),
        );
      }
      delete context.timers[timer.id];
      // A light timer's record is the light.changed event it causes.
      if (timer.purpose === 'light') return { ok: true, events: [] };
      if (timer.purpose === 'supervision') {
        supervisionOverdue(context, timer.id);
        return { ok: true, events: [] };
      }
      context.out.push({
        type: 'timer.fired',
        at: context.now,
        caseId: context.caseId,
        elementId: timer.elementId,
        data: { timerId: timer.id, purpose: timer.purpose, dueAt: timer.dueAt },
      });
      return { ok: true, events: [{ type: `timer:${timer.elementId ?? ''}`, timerId: timer.id }] };
    },
  },
  completeService: {
    whoMay: RULES.system,
    shape: (c) => (nonEmpty(c.taskId) ? null : 'completeService needs a `taskId`'),
    when: RUNNING,
    prepare: ({ context, command }) => {
      const task = serviceTask(context, command.taskId);
      if (task instanceof CommandError) return refuse(task);
      delete context.tasks[task.id];
      Object.assign(context.vars, command.variables ?? {});
      context.out.push({
        type: 'service.completed',
        at: context.now,
        caseId: context.caseId,
        elementId: task.elementId,
        taskId: task.id,
      });
      return { ok: true, events: [{ type: `service:${task.elementId}`, taskId: task.id }] };
    },
  },
  failService: {
    whoMay: RULES.system,
    shape: (c) => {
      if (!nonEmpty(c.taskId)) return 'failService needs a `taskId`';
      return nonEmpty(c.errorCode) ? null : 'failService needs an `errorCode`';
    },
    when: RUNNING,
    prepare: ({ context, command }) => {
      const task = serviceTask(context, command.taskId);
      if (task instanceof CommandError) return refuse(task);
      delete context.tasks[task.id];
      context.out.push({
        type: 'service.failed',
        at: context.now,
        caseId: context.caseId,
        elementId: task.elementId,
        taskId: task.id,
        data: { errorCode: command.errorCode, ...(command.message ? { message: command.message } : {}) },
      });
      return { ok: true, events: [{ type: `error:${task.elementId}`, code: command.errorCode }] };
    },
  },
};
