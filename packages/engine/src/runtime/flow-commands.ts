import type { MachineEvent } from '../compile/machine.js';
import { CommandError } from './command-error.js';
import type { CaseContext } from './context.js';
import type { StepRefused } from './step-result.js';
import { supervisionOverdue } from './supervision.js';
import type { Command } from './types.js';

/** What a command does to the statechart: events to send in order, after its data is recorded. */
export type Prepared = { readonly ok: true; readonly events: readonly MachineEvent[] } | StepRefused;

export const refuse = (error: CommandError): StepRefused => ({ ok: false, error });

/** The commands of the flow itself (as opposed to the approval operations of `operations.ts`). */
export type FlowCommand = Extract<
  Command,
  { type: 'completeTask' | 'completeService' | 'failService' | 'message' | 'fireTimer' | 'withdraw' }
>;

/** Validates a command against the case and records its data before the statechart moves. */
export function prepareFlowCommand(context: CaseContext, command: FlowCommand): Prepared {
  const caseId = context.caseId;
  const at = context.now;
  switch (command.type) {
    case 'completeTask': {
      const task = context.tasks[command.taskId];
      if (task?.kind !== 'user') {
        return refuse(
          new CommandError('TASK_NOT_OPEN', `Task ${command.taskId} is not open in case ${caseId}.`, {
            caseId,
          }),
        );
      }
      if (task.department !== command.department) {
        return refuse(
          new CommandError(
            'WRONG_DEPARTMENT',
            `Task ${task.id} belongs to ${task.department ?? 'no department'}, not ${command.department}.`,
            { caseId, elementId: task.elementId },
          ),
        );
      }
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
        context.out.push({
          type: 'task.delegationReturned',
          at,
          caseId,
          elementId: task.elementId,
          taskId: task.id,
          department: task.department,
          role: task.role,
          data: {
            by: task.delegatedTo,
            ...(command.outcome !== undefined ? { outcome: command.outcome } : {}),
            ...(command.opinion !== undefined ? { opinion: command.opinion } : {}),
          },
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
      context.out.push({
        type: 'task.completed',
        at,
        caseId,
        elementId: task.elementId,
        taskId: task.id,
        department: task.department,
        role: task.role,
        data: {
          ...(command.outcome !== undefined ? { outcome: command.outcome } : {}),
          ...(command.opinion !== undefined ? { opinion: command.opinion } : {}),
          ...(command.actor ? { actor: command.actor.id } : {}),
          ...(task.dueAt !== null ? { dueAt: task.dueAt, late: at >= task.dueAt } : {}),
        },
      });
      return { ok: true, events: [{ type: `complete:${task.elementId}`, taskId: task.id }] };
    }
    case 'completeService':
    case 'failService': {
      const task = context.tasks[command.taskId];
      if (task?.kind !== 'service') {
        return refuse(
          new CommandError(
            'NOT_A_SERVICE_TASK',
            `Task ${command.taskId} is not an open service task in case ${caseId}.`,
            {
              caseId,
            },
          ),
        );
      }
      delete context.tasks[task.id];
      if (command.type === 'completeService') {
        Object.assign(context.vars, command.variables ?? {});
        context.out.push({
          type: 'service.completed',
          at,
          caseId,
          elementId: task.elementId,
          taskId: task.id,
        });
        return { ok: true, events: [{ type: `service:${task.elementId}`, taskId: task.id }] };
      }
      context.out.push({
        type: 'service.failed',
        at,
        caseId,
        elementId: task.elementId,
        taskId: task.id,
        data: { errorCode: command.errorCode, ...(command.message ? { message: command.message } : {}) },
      });
      return { ok: true, events: [{ type: `error:${task.elementId}`, code: command.errorCode }] };
    }
    case 'message':
      Object.assign(context.vars, command.variables ?? {});
      context.out.push({ type: 'message.received', at, caseId, data: { name: command.name } });
      return { ok: true, events: [{ type: `message:${command.name}` }] };
    case 'fireTimer': {
      const timer = context.timers[command.timerId];
      if (!timer) {
        return refuse(
          new CommandError('UNKNOWN_TIMER', `Timer ${command.timerId} is not set in case ${caseId}.`, {
            caseId,
          }),
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
        at,
        caseId,
        elementId: timer.elementId,
        data: { timerId: timer.id, purpose: timer.purpose, dueAt: timer.dueAt },
      });
      return { ok: true, events: [{ type: `timer:${timer.elementId ?? ''}`, timerId: timer.id }] };
    }
    case 'withdraw':
      return { ok: true, events: [{ type: 'case.withdraw' }] };
  }
}
