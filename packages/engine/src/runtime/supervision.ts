import type { CompiledDefinition } from '../compile/compile.js';
import { CommandError } from './command-error.js';
import type { CaseContext } from './context.js';
import { type Prepared, refuse } from './flow-commands.js';
import type { SupervisionCommand } from './supervision-commands.js';
import type { Command } from './types.js';

const TYPES: ReadonlySet<string> = new Set<SupervisionCommand['type']>([
  'urge',
  'supervise',
  'answerSupervision',
]);

export function isSupervision(command: Command): command is SupervisionCommand {
  return TYPES.has(command.type);
}

const supervisionTimerId = (id: string): string => `supervision:${id}`;

/**
 * 催办, 督办 and the answer to a 督办. Supervisors (and, for 催办, staff) give the orders; only the
 * answerable department answers. A 督办's reply deadline is a timer of the case, so it turns red
 * on its own (`supervision.overdue`, from `fireTimer`).
 */
export function prepareSupervision(
  definition: CompiledDefinition,
  context: CaseContext,
  command: SupervisionCommand,
): Prepared {
  const caseId = context.caseId;
  const now = context.now;
  switch (command.type) {
    case 'urge': {
      // Who may urge or supervise: `WHO_MAY` (checked before the case is read).
      const targets =
        command.taskId === undefined
          ? Object.values(context.tasks).filter((t) => t.kind === 'user')
          : [context.tasks[command.taskId]].filter((t) => t !== undefined);
      if (targets.length === 0) {
        return refuse(
          new CommandError('TASK_NOT_OPEN', `Nothing open to urge in case ${caseId}.`, { caseId }),
        );
      }
      for (const task of targets) {
        context.out.push({
          type: 'task.urged',
          at: now,
          caseId,
          elementId: task.elementId,
          taskId: task.id,
          department: task.department,
          role: task.role,
          data: { message: command.message, actor: command.actor.id, dueAt: task.dueAt ?? null },
        });
      }
      return { ok: true, events: [] };
    }
    case 'supervise': {
      if (!Number.isInteger(command.replyWithin) || command.replyWithin < 1) {
        return refuse(
          new CommandError('BAD_COMMAND', '`replyWithin` must be a whole number of working days ≥ 1.', {
            caseId,
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
        caseId,
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
    case 'answerSupervision': {
      const order = context.supervisions[command.supervisionId];
      if (!order) {
        return refuse(
          new CommandError('BAD_COMMAND', `No open 督办 ${command.supervisionId} in case ${caseId}.`, {
            caseId,
          }),
        );
      }
      if (order.department !== command.department) {
        return refuse(
          new CommandError(
            'WRONG_DEPARTMENT',
            `督办 ${order.id} is for ${order.department}, not ${command.department}.`,
            { caseId },
          ),
        );
      }
      delete context.supervisions[order.id];
      delete context.timers[supervisionTimerId(order.id)];
      context.out.push({
        type: 'supervision.answered',
        at: now,
        caseId,
        department: order.department,
        data: {
          supervisionId: order.id,
          answer: command.answer,
          late: now >= order.dueAt,
          dueAt: order.dueAt,
          ...(command.actor ? { actor: command.actor.id } : {}),
        },
      });
      return { ok: true, events: [] };
    }
  }
}

/** A 督办's reply deadline passed: the order turns red and stays open until answered. */
export function supervisionOverdue(context: CaseContext, timerId: string): void {
  const id = timerId.slice('supervision:'.length);
  const order = context.supervisions[id];
  if (!order) return;
  context.supervisions[id] = { ...order, overdue: true };
  context.out.push({
    type: 'supervision.overdue',
    at: context.now,
    caseId: context.caseId,
    department: order.department,
    data: {
      supervisionId: id,
      dueAt: order.dueAt,
      message: order.message,
      ...(order.ruleId ? { ruleId: order.ruleId } : {}),
    },
  });
}
