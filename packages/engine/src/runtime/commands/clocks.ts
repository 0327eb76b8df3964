import { extendClock } from '../../clock/index.js';
import { CommandError } from '../command-error.js';
import { RULES } from '../who-may.js';
import { caseEvent, taskEvent } from './emit.js';
import { ownTask, wrongState } from './guards.js';
import { nonEmpty, optionalString, taskAndDepartment } from './shape.js';
import { type CommandFamily, ok, RUNNING, refuse, who } from './spec.js';

/**
 * Commands that stop or lengthen a clock: 挂起/激活 of a case, 特别程序 on a task (Art. 45), 延期
 * (Art. 42). Their clock effects follow from the records they leave (see `reconcileClocks`).
 */
export const CLOCKS: CommandFamily<
  'suspendCase' | 'resumeCase' | 'startSpecialProcedure' | 'endSpecialProcedure' | 'extend'
> = {
  suspendCase: {
    whoMay: RULES.officer,
    shape: (c) => (nonEmpty(c.reason) ? null : `${String(c.type)} needs a \`reason\``),
    when: RUNNING,
    prepare: ({ context, command }) => {
      // BPMN timers stop with the case and run again on 激活 (see `reconcileTimers`).
      context.suspended = { at: context.now, reason: command.reason, actor: command.actor.id };
      caseEvent(context, 'case.suspended', { reason: command.reason, ...who(command.actor) });
      return ok();
    },
  },
  resumeCase: {
    whoMay: RULES.officer,
    shape: () => null,
    when: ['suspended'],
    prepare: ({ context, command }) => {
      const since = context.suspended?.at ?? context.now;
      context.suspended = null;
      caseEvent(context, 'case.resumed', {
        suspendedFor: context.now - since,
        ...(command.reason ? { reason: command.reason } : {}),
        ...who(command.actor),
      });
      return ok();
    },
  },
  startSpecialProcedure: {
    whoMay: RULES.department,
    shape: (c) =>
      taskAndDepartment(c) ??
      (nonEmpty(c.kind) && nonEmpty(c.reason) ? null : 'startSpecialProcedure needs a `kind` and a `reason`'),
    when: RUNNING,
    prepare: ({ context, command }) => {
      const task = ownTask(context, command.taskId, command.department);
      if (task instanceof CommandError) return refuse(task);
      if (context.special[task.id]) {
        return refuse(wrongState(context.caseId, `Task ${task.id} is already in 特别程序.`));
      }
      context.special[task.id] = { kind: command.kind, reason: command.reason, at: context.now };
      taskEvent(context, 'task.specialProcedureStarted', task, {
        kind: command.kind,
        reason: command.reason,
        ...who(command.actor),
      });
      return ok();
    },
  },
  endSpecialProcedure: {
    whoMay: RULES.department,
    shape: (c) => taskAndDepartment(c) ?? (optionalString(c.result) ? null : '`result` must be a string'),
    when: RUNNING,
    prepare: ({ context, command }) => {
      const task = ownTask(context, command.taskId, command.department);
      if (task instanceof CommandError) return refuse(task);
      const special = context.special[task.id];
      if (!special) return refuse(wrongState(context.caseId, `Task ${task.id} is not in 特别程序.`));
      delete context.special[task.id];
      taskEvent(context, 'task.specialProcedureEnded', task, {
        kind: special.kind,
        lasted: context.now - special.at,
        ...(command.result ? { result: command.result } : {}),
        ...who(command.actor),
      });
      return ok();
    },
  },
  extend: {
    whoMay: RULES.officer,
    shape: (c) => {
      if (typeof c.days !== 'number' || !Number.isInteger(c.days) || c.days < 1)
        return '`days` must be a whole number ≥ 1';
      if (c.taskId !== undefined && !nonEmpty(c.taskId)) return '`taskId` must be a task id';
      return nonEmpty(c.reason) ? null : 'extend needs a `reason`';
    },
    when: RUNNING,
    prepare: ({ definition, context, command, touched }) => {
      const key = command.taskId ?? 'case';
      const clock = context.clocks[key];
      if (!clock) {
        return refuse(
          wrongState(
            context.caseId,
            command.taskId
              ? `Task ${command.taskId} has no clock to extend.`
              : `Case ${context.caseId} has no running clock.`,
          ),
        );
      }
      const cap = key === 'case' ? (definition.matter?.extensionCap ?? undefined) : undefined;
      context.clocks[key] = extendClock(
        clock,
        command.days,
        command.actor.id,
        command.reason,
        context.now,
        cap,
      );
      touched.add(key);
      const task = command.taskId === undefined ? undefined : context.tasks[command.taskId];
      const data = { days: command.days, reason: command.reason, approver: command.actor.id };
      if (task) taskEvent(context, 'task.extended', task, data);
      else caseEvent(context, 'case.extended', data);
      return ok();
    },
  },
};
