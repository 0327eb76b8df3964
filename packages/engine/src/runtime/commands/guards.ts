import type { TaskRecord } from '../../model/case.js';
import type { CaseContext } from '../../model/context.js';
import { CommandError } from '../command-error.js';

/**
 * The one guard for "an open user task of this department": the task a department-bound command
 * names, or why that department cannot act on it.
 */
export function ownTask(context: CaseContext, taskId: string, department: string): TaskRecord | CommandError {
  const task = context.tasks[taskId];
  if (task?.kind !== 'user') {
    return new CommandError('TASK_NOT_OPEN', `Task ${taskId} is not open in case ${context.caseId}.`, {
      caseId: context.caseId,
    });
  }
  if (task.department !== department) {
    return new CommandError(
      'WRONG_DEPARTMENT',
      `Task ${task.id} belongs to ${task.department ?? 'no department'}, not ${department}.`,
      { caseId: context.caseId, elementId: task.elementId },
    );
  }
  return task;
}

/** A command whose precondition does not hold in the case as it stands. */
export function wrongState(caseId: string, message: string): CommandError {
  return new CommandError('WRONG_CASE_STATE', message, { caseId });
}
