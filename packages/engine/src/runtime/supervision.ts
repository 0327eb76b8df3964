import type { CaseContext } from '../model/context.js';

/** The timer of a 督办's reply deadline. */
export const supervisionTimerId = (id: string): string => `supervision:${id}`;

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
