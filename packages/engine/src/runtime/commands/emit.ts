import type { TaskRecord } from '../../model/case.js';
import type { CaseContext } from '../../model/context.js';
import type { CaseEvent } from '../../model/events.js';

/** Records an event about the whole case, stamped with the command's time. */
export function caseEvent(
  context: CaseContext,
  type: CaseEvent['type'],
  data: NonNullable<CaseEvent['data']>,
): void {
  context.out.push({ type, at: context.now, caseId: context.caseId, data });
}

/** Records an event about one task, stamped with the command's time and the task's department and role. */
export function taskEvent(
  context: CaseContext,
  type: CaseEvent['type'],
  task: TaskRecord,
  data: NonNullable<CaseEvent['data']>,
): void {
  context.out.push({
    type,
    at: context.now,
    caseId: context.caseId,
    elementId: task.elementId,
    taskId: task.id,
    department: task.department,
    role: task.role,
    data,
  });
}
