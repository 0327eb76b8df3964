import { CommandError } from '../command-error.js';
import { supervisionTimerId } from '../supervision.js';
import { RULES } from '../who-may.js';
import { taskEvent } from './emit.js';
import { nonEmpty } from './shape.js';
import { ALWAYS, type CommandFamily, type Prepared, type PrepareInput, refuse } from './spec.js';

/** 督办: an order to a department with a reply deadline in working days, itself a timer of the case. */
function supervise({ definition, context, command }: PrepareInput<'supervise'>): Prepared {
  const now = context.now;
  if (!Number.isInteger(command.replyWithin) || command.replyWithin < 1) {
    return refuse(
      new CommandError('BAD_COMMAND', '`replyWithin` must be a whole number of working days ≥ 1.', {
        caseId: context.caseId,
      }),
    );
  }
  const calendar = definition.calendars.getCalendar(definition.matter?.calendar ?? 'CN');
  const lastDay = calendar.addWorkingDays(calendar.civilDateOf(now), command.replyWithin, {
    provisional: definition.provisional,
  });
  const dueAt = calendar.endOfDay(lastDay.value);
  context.seq += 1;
  const id = `督办#${context.seq}`;
  context.supervisions[id] = {
    id,
    department: command.department,
    message: command.message,
    at: now,
    dueAt,
    ruleId: command.ruleId ?? null,
    overdue: false,
  };
  context.timers[supervisionTimerId(id)] = {
    id: supervisionTimerId(id),
    dueAt,
    purpose: 'supervision',
    elementId: null,
  };
  context.out.push({
    type: 'case.supervised',
    at: now,
    caseId: context.caseId,
    department: command.department,
    data: {
      supervisionId: id,
      message: command.message,
      dueAt,
      actor: command.actor.id,
      ...(command.ruleId ? { ruleId: command.ruleId } : {}),
      ...(lastDay.provisional ? { provisional: true } : {}),
    },
  });
  return { ok: true, events: [] };
}

/** The answerable department answers a 督办 (late or not). */
function answer({ context, command }: PrepareInput<'answerSupervision'>): Prepared {
  const caseId = context.caseId;
  const order = context.supervisions[command.supervisionId];
  if (!order) {
    return refuse(
      new CommandError('BAD_COMMAND', `No open 督办 ${command.supervisionId} in case ${caseId}.`, { caseId }),
    );
  }
  if (order.department !== command.department) {
    return refuse(
      new CommandError(
        'WRONG_DEPARTMENT',
        `督办 ${order.id} is for ${order.department}, not ${command.department}.`,
        {
          caseId,
        },
      ),
    );
  }
  delete context.supervisions[order.id];
  delete context.timers[supervisionTimerId(order.id)];
  context.out.push({
    type: 'supervision.answered',
    at: context.now,
    caseId,
    department: order.department,
    data: {
      supervisionId: order.id,
      answer: command.answer,
      late: context.now >= order.dueAt,
      dueAt: order.dueAt,
      ...(command.actor ? { actor: command.actor.id } : {}),
    },
  });
  return { ok: true, events: [] };
}

/**
 * 催办, 督办 and the answer to a 督办: they apply whatever the case's status, and are the only way
 * supervisors act on a case. A 督办 turns red on its own (`supervision.overdue`, from `fireTimer`).
 */
export const SUPERVISION: CommandFamily<'urge' | 'supervise' | 'answerSupervision'> = {
  urge: {
    whoMay: { staff: 'lead', kinds: ['supervisor', 'officer'], anonymous: null },
    shape: (c) => {
      if (c.taskId !== undefined && !nonEmpty(c.taskId)) return '`taskId` must be a task id';
      return nonEmpty(c.message) ? null : 'urge needs a `message`';
    },
    when: ALWAYS,
    prepare: ({ context, command }) => {
      const targets =
        command.taskId === undefined
          ? Object.values(context.tasks).filter((t) => t.kind === 'user')
          : [context.tasks[command.taskId]].filter((t) => t !== undefined);
      if (targets.length === 0) {
        return refuse(
          new CommandError('TASK_NOT_OPEN', `Nothing open to urge in case ${context.caseId}.`, {
            caseId: context.caseId,
          }),
        );
      }
      for (const task of targets) {
        taskEvent(context, 'task.urged', task, {
          message: command.message,
          actor: command.actor.id,
          dueAt: task.dueAt ?? null,
        });
      }
      return { ok: true, events: [] };
    },
  },
  supervise: {
    whoMay: { staff: null, kinds: ['supervisor'], anonymous: null },
    shape: (c) => {
      if (!nonEmpty(c.department) || !nonEmpty(c.message))
        return 'supervise needs a `department` and a `message`';
      if (c.ruleId !== undefined && !nonEmpty(c.ruleId)) return '`ruleId` must be a string';
      return typeof c.replyWithin === 'number' ? null : 'supervise needs `replyWithin` (working days)';
    },
    when: ALWAYS,
    prepare: supervise,
  },
  answerSupervision: {
    whoMay: RULES.department,
    shape: (c) =>
      nonEmpty(c.supervisionId) && nonEmpty(c.department) && nonEmpty(c.answer)
        ? null
        : 'answerSupervision needs `supervisionId`, `department` and an `answer`',
    when: ALWAYS,
    prepare: answer,
  },
};
