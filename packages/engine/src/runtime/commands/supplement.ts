import type { CompiledDefinition } from '../../compile/compile.js';
import { CommandError } from '../command-error.js';
import { RULES } from '../who-may.js';
import { caseEvent, taskEvent } from './emit.js';
import { ownTask, wrongState } from './guards.js';
import { nonEmpty, taskAndDepartment } from './shape.js';
import { type CommandFamily, ok, RUNNING, refuse, who } from './spec.js';

/** Where a rejected, resubmitted or supplied case walks again from: the outermost stage its task is in. */
export function stageEntry(definition: CompiledDefinition, elementId: string): string {
  return definition.stages.get(elementId)?.[0] ?? elementId;
}

/** 补正: a department asks the applicant for missing materials (one notice, Art. 32); they supply them. */
export const SUPPLEMENT: CommandFamily<'requestSupplement' | 'supply'> = {
  requestSupplement: {
    whoMay: RULES.department,
    shape: (c) => {
      if (c.items !== undefined && !(Array.isArray(c.items) && c.items.every(nonEmpty))) {
        return '`items` must be a list of the materials asked for';
      }
      return taskAndDepartment(c) ?? (nonEmpty(c.reason) ? null : 'requestSupplement needs a `reason`');
    },
    when: RUNNING,
    prepare: ({ context, command }) => {
      const caseId = context.caseId;
      const task = ownTask(context, command.taskId, command.department);
      if (task instanceof CommandError) return refuse(task);
      if (context.supplement) {
        return refuse(
          wrongState(
            caseId,
            `Case ${caseId} already waits for 补正 asked by ${context.supplement.department}: ask for everything in one notice (行政许可法 Art. 32).`,
          ),
        );
      }
      const items = [...(command.items ?? [])];
      context.supplement = {
        taskId: task.id,
        elementId: task.elementId,
        department: command.department,
        at: context.now,
        reason: command.reason,
        items,
      };
      taskEvent(context, 'supplement.requested', task, {
        reason: command.reason,
        items,
        ...who(command.actor),
      });
      return ok();
    },
  },
  supply: {
    whoMay: RULES.applicant,
    shape: () => null,
    when: RUNNING,
    prepare: ({ definition, context, command }) => {
      const supplement = context.supplement;
      if (!supplement) {
        return refuse(
          wrongState(context.caseId, `Case ${context.caseId} is not waiting for 补正 materials.`),
        );
      }
      context.supplement = null;
      Object.assign(context.vars, command.variables ?? {});
      const mode = definition.matter?.supplementMode ?? 'requester';
      caseEvent(context, 'supplement.supplied', {
        requestedBy: supplement.department,
        waited: context.now - supplement.at,
        mode,
        ...who(command.actor),
      });
      // `all`: every branch of the requesting task's stage reviews again.
      return ok(mode === 'all' ? [{ type: `jump:${stageEntry(definition, supplement.elementId)}` }] : []);
    },
  },
};
