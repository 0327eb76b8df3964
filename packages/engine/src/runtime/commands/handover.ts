import { clockStatus, startClock } from '../../clock/index.js';
import type { TaskRecord } from '../../model/case.js';
import { CommandError } from '../command-error.js';
import { RULES } from '../who-may.js';
import { caseEvent, taskEvent } from './emit.js';
import { ownTask, wrongState } from './guards.js';
import { isLimit, nonEmpty, taskAndDepartment } from './shape.js';
import {
  ALWAYS,
  type CommandFamily,
  ok,
  type Prepared,
  type PrepareInput,
  RUNNING,
  refuse,
  who,
} from './spec.js';

/** 加签: the lead adds a co-handling department to an open multi-instance stage. */
function addSigner({ definition, context, command, touched }: PrepareInput<'addSigner'>): Prepared {
  const caseId = context.caseId;
  const progress = context.mi[command.elementId];
  const node = definition.nodes.get(command.elementId);
  if (!progress || node?.kind !== 'userTask') {
    return refuse(
      new CommandError(
        'TASK_NOT_OPEN',
        `"${command.elementId}" is not a co-handling stage open in case ${caseId}.`,
        {
          caseId,
          elementId: command.elementId,
        },
      ),
    );
  }
  const siblings = Object.values(context.tasks).filter((t) => t.elementId === command.elementId);
  if (siblings.some((t) => t.department === command.department)) {
    return refuse(
      new CommandError('BAD_COMMAND', `${command.department} already co-handles "${command.elementId}".`, {
        caseId,
      }),
    );
  }
  context.seq += 1;
  const id = `${command.elementId}#${context.seq}`;
  context.mi[command.elementId] = { ...progress, of: progress.of + 1 };
  // Its limit: the stage's remaining time (the siblings' clock), or a fresh limit from now.
  const sibling = siblings.find((t) => context.clocks[t.id] !== undefined);
  const calendar = definition.matter?.calendar ?? 'CN';
  const clock = command.limit
    ? startClock(
        { limit: command.limit, calendar, startedAt: context.now, warning: node.warning },
        definition.calendars,
      )
    : sibling
      ? context.clocks[sibling.id]
      : undefined;
  const dueAt = clock
    ? clockStatus(clock, definition.calendars, context.now, { provisional: definition.provisional }).dueAt
    : null;
  const task: TaskRecord = {
    id,
    elementId: command.elementId,
    name: node.name,
    kind: 'user',
    department: command.department,
    role: node.role,
    openedAt: context.now,
    dueAt,
    instance: { index: progress.of, of: progress.of + 1 },
    handler: null,
  };
  context.tasks[id] = task;
  if (clock) {
    context.clocks[id] = clock;
    touched.add(id);
  }
  taskEvent(context, 'task.opened', task, {
    addedSigner: true,
    reason: command.reason,
    ...(dueAt !== null ? { dueAt } : {}),
    ...who(command.actor),
  });
  return ok();
}

/** Who handles a task: 转办, 委派, 加签/减签, and 抄送 (copies, which change nobody's work). */
export const HANDOVER: CommandFamily<
  'transferTask' | 'delegateTask' | 'addSigner' | 'removeSigner' | 'copyTo'
> = {
  transferTask: {
    whoMay: RULES.department,
    shape: (c) =>
      taskAndDepartment(c) ??
      (nonEmpty(c.to) && nonEmpty(c.reason) ? null : 'transferTask needs `to` and a `reason`'),
    when: RUNNING,
    prepare: ({ context, command }) => {
      const task = ownTask(context, command.taskId, command.department);
      if (task instanceof CommandError) return refuse(task);
      if (command.to === task.department) {
        return refuse(
          new CommandError('BAD_COMMAND', `Task ${task.id} already belongs to ${command.to}.`, {
            caseId: context.caseId,
          }),
        );
      }
      // Claims, handlers and signatures belong to the old department's people: they do not move.
      const { claimedBy: _claimed, handlers: _handlers, signs: _signs, ...kept } = task;
      context.tasks[task.id] = {
        ...kept,
        department: command.to,
        delegatedTo: null,
        transferredFrom: [command.department, ...(task.transferredFrom ?? [])],
      };
      taskEvent(context, 'task.transferred', task, {
        from: command.department,
        to: command.to,
        reason: command.reason,
        ...who(command.actor),
      });
      return ok();
    },
  },
  delegateTask: {
    whoMay: RULES.department,
    shape: (c) => taskAndDepartment(c) ?? (nonEmpty(c.to) ? null : 'delegateTask needs `to` (the person)'),
    when: RUNNING,
    prepare: ({ context, command }) => {
      const task = ownTask(context, command.taskId, command.department);
      if (task instanceof CommandError) return refuse(task);
      if (task.delegatedTo) {
        return refuse(
          wrongState(context.caseId, `Task ${task.id} is already delegated to ${task.delegatedTo}.`),
        );
      }
      context.tasks[task.id] = { ...task, delegatedTo: command.to };
      taskEvent(context, 'task.delegated', task, {
        to: command.to,
        ...(command.reason ? { reason: command.reason } : {}),
        ...who(command.actor),
      });
      return ok();
    },
  },
  addSigner: {
    whoMay: RULES.lead,
    shape: (c) => {
      if (!nonEmpty(c.elementId) || !nonEmpty(c.department) || !nonEmpty(c.reason)) {
        return 'addSigner needs `elementId`, `department` and a `reason`';
      }
      return c.limit === undefined || isLimit(c.limit) ? null : '`limit` must be { amount, unit }';
    },
    when: RUNNING,
    prepare: addSigner,
  },
  removeSigner: {
    whoMay: RULES.lead,
    shape: (c) =>
      nonEmpty(c.taskId) && nonEmpty(c.reason) ? null : 'removeSigner needs `taskId` and a `reason`',
    when: RUNNING,
    prepare: ({ context, command }) => {
      const task = context.tasks[command.taskId];
      const progress = task ? context.mi[task.elementId] : undefined;
      if (!task || !progress || task.instance === null) {
        return refuse(
          new CommandError('TASK_NOT_OPEN', `Task ${command.taskId} is not an open co-handling instance.`, {
            caseId: context.caseId,
          }),
        );
      }
      delete context.tasks[task.id];
      context.mi[task.elementId] = { ...progress, of: progress.of - 1 };
      taskEvent(context, 'task.cancelled', task, {
        reason: command.reason,
        removedSigner: true,
        ...who(command.actor),
      });
      return ok([{ type: `complete:${task.elementId}`, taskId: task.id }]);
    },
  },
  copyTo: {
    whoMay: { staff: 'any', kinds: [], anonymous: null },
    shape: (c) => {
      if (!(Array.isArray(c.departments) && c.departments.length > 0 && c.departments.every(nonEmpty))) {
        return 'copyTo needs `departments`';
      }
      return c.taskId === undefined || nonEmpty(c.taskId) ? null : '`taskId` must be a task id';
    },
    when: ALWAYS,
    prepare: ({ context, command }) => {
      const task = command.taskId === undefined ? undefined : context.tasks[command.taskId];
      if (command.taskId !== undefined && !task) {
        return refuse(
          new CommandError('TASK_NOT_OPEN', `Task ${command.taskId} is not open in case ${context.caseId}.`, {
            caseId: context.caseId,
          }),
        );
      }
      const data = {
        departments: [...command.departments],
        ...(command.note ? { note: command.note } : {}),
        ...who(command.actor),
      };
      if (task) taskEvent(context, 'case.copied', task, data);
      else caseEvent(context, 'case.copied', data);
      return ok();
    },
  },
};
