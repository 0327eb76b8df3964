import type { CaseContext } from '../../model/context.js';
import { CommandError } from '../command-error.js';
import type { CompleteTaskCommand } from '../types.js';
import { taskEvent } from './emit.js';
import { ownTask } from './guards.js';
import { type Prepared, refuse } from './spec.js';

/**
 * A department completes its task (or hands a delegated one back). Also how timeout actions,
 * 票签 decisions and collect-all rejections complete a task on the department's behalf.
 */
export function prepareCompletion(context: CaseContext, command: CompleteTaskCommand): Prepared {
  const caseId = context.caseId;
  const at = context.now;
  const task = ownTask(context, command.taskId, command.department);
  if (task instanceof CommandError) return refuse(task);
  if (task.delegatedTo) {
    // 委派: the delegate's answer hands the task back to its department, which then decides.
    if (command.actor?.id !== task.delegatedTo) {
      return refuse(
        new CommandError(
          'WRONG_ASSIGNEE',
          `Task ${task.id} is delegated to ${task.delegatedTo}: only they can act on it until they hand it back.`,
          { caseId, elementId: task.elementId },
        ),
      );
    }
    context.tasks[task.id] = { ...task, delegatedTo: null };
    taskEvent(context, 'task.delegationReturned', task, {
      by: task.delegatedTo,
      ...(command.outcome !== undefined ? { outcome: command.outcome } : {}),
      ...(command.opinion !== undefined ? { opinion: command.opinion } : {}),
    });
    return { ok: true, events: [] };
  }
  delete context.tasks[task.id];
  context.trail = [...context.trail.slice(-19), task.elementId];
  Object.assign(context.vars, command.variables ?? {});
  if (command.outcome !== undefined) context.vars.outcome = command.outcome;
  const progress = context.mi[task.elementId];
  if (progress) {
    progress.completed += 1;
    if (command.outcome === 'approve') progress.approved += 1;
    if (command.outcome === 'reject') progress.rejected += 1;
  }
  taskEvent(context, 'task.completed', task, {
    ...(command.outcome !== undefined ? { outcome: command.outcome } : {}),
    ...(command.opinion !== undefined ? { opinion: command.opinion } : {}),
    ...(command.actor ? { actor: command.actor.id } : {}),
    ...(task.dueAt !== null ? { dueAt: task.dueAt, late: at >= task.dueAt } : {}),
  });
  return { ok: true, events: [{ type: `complete:${task.elementId}`, taskId: task.id }] };
}
