import type { StateValue } from 'xstate';
import type { CompiledDefinition } from '../../compile/compile.js';
import { blockKey, branchDoneKey, stateKey } from '../../compile/state-ids.js';
import { CommandError } from '../command-error.js';
import { prepareRecall } from '../recall.js';
import { RULES } from '../who-may.js';
import { prepareCompletion } from './completion.js';
import { caseEvent, taskEvent } from './emit.js';
import { ownTask, wrongState } from './guards.js';
import { nonEmpty, taskAndDepartment } from './shape.js';
import { type CommandFamily, ok, type Prepared, type PrepareInput, RUNNING, refuse, who } from './spec.js';
import { stageEntry } from './supplement.js';

function jumpable(definition: CompiledDefinition, elementId: string): boolean {
  const node = definition.nodes.get(elementId);
  return (
    node !== undefined &&
    node.kind !== 'boundaryEvent' &&
    node.kind !== 'startEvent' &&
    node.kind !== 'endEvent'
  );
}

/**
 * Whether, in every stage `elementId` sits in, every other branch is in its done state: the
 * condition for returning a resubmitted case straight to it.
 */
function otherBranchesDone(definition: CompiledDefinition, value: StateValue, elementId: string): boolean {
  const own = stateKey(elementId);
  for (const split of definition.stages.get(elementId) ?? []) {
    const block = findBlock(value, blockKey(split));
    if (!block || typeof block === 'string') return false;
    for (const [region, regionValue] of Object.entries(block)) {
      if (JSON.stringify(regionValue).includes(JSON.stringify(own))) continue;
      if (regionValue !== branchDoneKey(region)) return false;
    }
  }
  return true;
}

function findBlock(value: StateValue, key: string): StateValue | undefined {
  if (typeof value === 'string') return undefined;
  for (const [k, v] of Object.entries(value)) {
    if (k === key) return v;
    if (v !== undefined) {
      const inner = findBlock(v, key);
      if (inner !== undefined) return inner;
    }
  }
  return undefined;
}

/** Where a rejection sends the case: a step, or null for the applicant; or why it cannot. */
function rejectTarget(
  { definition, context, command }: PrepareInput<'reject'>,
  elementId: string,
): string | null | CommandError {
  const caseId = context.caseId;
  if (command.to === 'applicant') return null;
  if (command.to === 'previous') {
    const stage = new Set(definition.stages.get(elementId) ?? []);
    const inSameStage = (e: string) => (definition.stages.get(e) ?? []).some((s) => stage.has(s));
    const target = [...context.trail].reverse().find((e) => e !== elementId && !inSameStage(e));
    return (
      target ??
      new CommandError(
        'BAD_COMMAND',
        `No step before "${elementId}" outside its stage to send the case back to.`,
        {
          caseId,
          elementId,
        },
      )
    );
  }
  const target = command.to.elementId;
  if (jumpable(definition, target)) return target;
  return new CommandError('BAD_COMMAND', `There is no step "${target}" to send the case back to.`, {
    caseId,
    elementId: target,
  });
}

/** 驳回: back to an earlier step or to the applicant; in collect-all mode, one department's answer. */
function reject(input: PrepareInput<'reject'>): Prepared {
  const { definition, context, command, value } = input;
  const task = ownTask(context, command.taskId, command.department);
  if (task instanceof CommandError) return refuse(task);
  const mode = definition.matter?.rejectMode ?? 'veto';
  if (mode === 'collect' && (definition.stages.get(task.elementId)?.length ?? 0) > 0) {
    // Collect-all: the rejection is this department's answer; its siblings finish, the lead decides.
    return prepareCompletion(context, {
      type: 'completeTask',
      taskId: task.id,
      department: command.department,
      outcome: 'reject',
      opinion: command.reason,
      ...(command.actor ? { actor: command.actor } : {}),
    });
  }
  const target = rejectTarget(input, task.elementId);
  if (target instanceof CommandError) return refuse(target);
  delete context.tasks[task.id];
  context.trail = [...context.trail.slice(-19), task.elementId];
  taskEvent(context, 'task.rejected', task, {
    to: target ?? 'applicant',
    reason: command.reason,
    mode,
    ...who(command.actor),
  });
  if (target === null) {
    context.returned = {
      elementId: task.elementId,
      department: command.department,
      at: context.now,
      reason: command.reason,
      othersDone: otherBranchesDone(definition, value, task.elementId),
    };
    return ok([{ type: 'case.return' }]);
  }
  return ok([{ type: `jump:${target}` }]);
}

/** 补正后重新提交 of a case sent back to the applicant. */
function resubmit({ definition, context, command }: PrepareInput<'resubmit'>): Prepared {
  const caseId = context.caseId;
  const returned = context.returned;
  if (!returned) return refuse(wrongState(caseId, `Case ${caseId} was not sent back.`));
  if (command.mode === 'direct' && !returned.othersDone) {
    return refuse(
      wrongState(
        caseId,
        `Case ${caseId} cannot return straight to ${returned.department}: other departments of its stage had not answered when it was sent back. Resubmit with mode "restart".`,
      ),
    );
  }
  context.returned = null;
  Object.assign(context.vars, command.variables ?? {});
  const direct = command.mode === 'direct' && (definition.stages.get(returned.elementId)?.length ?? 0) > 0;
  const target = direct ? returned.elementId : stageEntry(definition, returned.elementId);
  caseEvent(context, 'case.resubmitted', {
    to: target,
    mode: direct ? 'direct' : 'restart',
    waited: context.now - returned.at,
    ...who(command.actor),
  });
  return ok([{ type: direct ? `direct:${target}` : `jump:${target}` }]);
}

/** Commands that move a case backwards or elsewhere: 驳回, 重新提交, 跳转, 撤回. */
export const SEND_BACK: CommandFamily<'reject' | 'resubmit' | 'jump' | 'recall'> = {
  reject: {
    whoMay: RULES.department,
    shape: (c) => {
      const to = c.to as unknown;
      const goodTo =
        to === 'previous' ||
        to === 'applicant' ||
        (typeof to === 'object' && to !== null && nonEmpty((to as { elementId?: unknown }).elementId));
      if (!goodTo) return 'reject needs `to`: "previous", "applicant" or { elementId }';
      return taskAndDepartment(c) ?? (nonEmpty(c.reason) ? null : 'reject needs a `reason`');
    },
    when: RUNNING,
    prepare: reject,
  },
  resubmit: {
    whoMay: RULES.applicant,
    shape: (c) =>
      c.mode === undefined || c.mode === 'restart' || c.mode === 'direct'
        ? null
        : '`mode` is "restart" or "direct"',
    when: ['returned'],
    prepare: resubmit,
  },
  jump: {
    whoMay: { staff: null, kinds: ['admin'], anonymous: null },
    shape: (c) =>
      nonEmpty(c.elementId) && nonEmpty(c.reason) ? null : 'jump needs `elementId` and a `reason`',
    when: RUNNING,
    prepare: ({ definition, context, command }) => {
      if (!jumpable(definition, command.elementId)) {
        return refuse(
          new CommandError('BAD_COMMAND', `There is no step "${command.elementId}" to move the case to.`, {
            caseId: context.caseId,
            elementId: command.elementId,
          }),
        );
      }
      caseEvent(context, 'case.jumped', {
        to: command.elementId,
        reason: command.reason,
        from: Object.values(context.tasks).map((t) => t.elementId),
        ...who(command.actor),
      });
      return ok([{ type: `jump:${command.elementId}` }]);
    },
  },
  recall: {
    whoMay: RULES.department,
    shape: (c) => {
      if (c.taskId === undefined ? !nonEmpty(c.elementId) : !nonEmpty(c.taskId)) {
        return 'recall needs the completed task: `taskId`, or its `elementId`';
      }
      if (!nonEmpty(c.department)) return 'recall needs the recalling `department`';
      return nonEmpty(c.reason) ? null : 'recall needs a `reason`';
    },
    when: RUNNING,
    prepare: ({ definition, context, command, touched, value }) =>
      prepareRecall(definition, context, command, touched, value),
  },
};
