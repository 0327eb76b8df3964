import type { StateValue } from 'xstate';
import { clockStatus, extendClock, startClock } from '../clock/index.js';
import type { CompiledDefinition } from '../compile/compile.js';
import type { MachineEvent } from '../compile/machine.js';
import { stateKey } from '../compile/state-ids.js';
import { CommandError } from './command-error.js';
import type { CaseContext } from './context.js';
import type { CaseEvent } from './events.js';
import { type Prepared, prepareFlowCommand, refuse } from './flow-commands.js';
import type { OperationCommand } from './operation-commands.js';
import { prepareRecall } from './recall.js';
import { prepareAssignHandlers, prepareClaim, prepareSign, prepareUnclaim } from './sign-operations.js';
import { emitTaskEvent } from './task-event.js';
import type { Actor, CaseStatus, Command, TaskRecord } from './types.js';

const OPERATIONS: ReadonlySet<string> = new Set<OperationCommand['type']>([
  'accept',
  'refuseIntake',
  'suspendCase',
  'resumeCase',
  'startSpecialProcedure',
  'endSpecialProcedure',
  'requestSupplement',
  'supply',
  'transferTask',
  'delegateTask',
  'addSigner',
  'removeSigner',
  'reject',
  'resubmit',
  'jump',
  'copyTo',
  'extend',
  'recall',
  'claimTask',
  'unclaimTask',
  'signTask',
  'assignHandlers',
]);

export function isOperation(command: Command): command is OperationCommand {
  return OPERATIONS.has(command.type);
}

/** What each status of a live case lets through; everything else waits for the status to change. */
const ALLOWED: Readonly<Record<'pending' | 'suspended' | 'returned', ReadonlySet<string>>> = {
  pending: new Set([
    'accept',
    'refuseIntake',
    'withdraw',
    'copyTo',
    'urge',
    'supervise',
    'answerSupervision',
    'fireTimer',
  ]),
  suspended: new Set([
    'resumeCase',
    'withdraw',
    'copyTo',
    'fireTimer',
    'urge',
    'supervise',
    'answerSupervision',
  ]),
  returned: new Set([
    'resubmit',
    'withdraw',
    'copyTo',
    'fireTimer',
    'urge',
    'supervise',
    'answerSupervision',
  ]),
};
const ONLY_WHEN: Readonly<Record<string, CaseStatus>> = {
  accept: 'pending',
  refuseIntake: 'pending',
  resumeCase: 'suspended',
  resubmit: 'returned',
};

/** Refuses a command the case's status does not admit (who may give it: `permission.ts`). */
export function admissionProblem(
  status: CaseStatus,
  command: Exclude<Command, { type: 'start' }>,
  caseId: string,
): CommandError | null {
  const only = ONLY_WHEN[command.type];
  if (only !== undefined && status !== only) {
    return new CommandError(
      'WRONG_CASE_STATE',
      `${command.type} applies only to a ${only} case; case ${caseId} is ${status}.`,
      {
        caseId,
      },
    );
  }
  if (status === 'pending' || status === 'suspended' || status === 'returned') {
    if (!ALLOWED[status].has(command.type)) {
      const what = {
        pending: 'waiting for 受理',
        suspended: '挂起 (suspended)',
        returned: 'sent back to the applicant',
      }[status];
      return new CommandError(
        'WRONG_CASE_STATE',
        `Case ${caseId} is ${what}: only ${[...ALLOWED[status]].join(', ')} apply now.`,
        { caseId },
      );
    }
  }
  return null;
}

/** A command whose precondition does not hold in the case as it stands. */
function wrongState(caseId: string, message: string): CommandError {
  return new CommandError('WRONG_CASE_STATE', message, { caseId });
}

/** The open user task a department-bound operation names, or why it cannot act on it. */
function ownTask(context: CaseContext, taskId: string, department: string): TaskRecord | CommandError {
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

function caseEvent(
  context: CaseContext,
  type: CaseEvent['type'],
  data: NonNullable<CaseEvent['data']>,
): void {
  context.out.push({ type, at: context.now, caseId: context.caseId, data });
}

const who = (actor: Actor | undefined): { actor?: string } => (actor ? { actor: actor.id } : {});
const ok = (events: readonly MachineEvent[] = []): Prepared => ({ ok: true, events });

/** Where a rejected or resubmitted case walks again from: the outermost stage its task is in. */
function stageEntry(definition: CompiledDefinition, elementId: string): string {
  return definition.stages.get(elementId)?.[0] ?? elementId;
}

/**
 * Validates an approval operation against the case and records it; returns the statechart events
 * it needs. Clock effects follow from the records (see `reconcileClocks`).
 */
export function prepareOperation(
  definition: CompiledDefinition,
  context: CaseContext,
  command: OperationCommand,
  touched: Set<string>,
  value: StateValue,
): Prepared {
  const caseId = context.caseId;
  const now = context.now;
  switch (command.type) {
    case 'accept': {
      context.intake = 'accepted';
      caseEvent(context, 'case.started', {
        definition: definition.hash,
        processId: definition.processId,
        ...who(command.actor),
        ...(command.opinion ? { opinion: command.opinion } : {}),
      });
      return ok([{ type: 'case.accept' }]);
    }
    case 'refuseIntake': {
      caseEvent(context, 'case.refused', { reason: command.reason, ...who(command.actor) });
      return ok([{ type: 'case.refuse' }]);
    }
    case 'suspendCase': {
      // BPMN timers stop with the case and run again on 激活 (see `reconcileTimers`).
      context.suspended = { at: now, reason: command.reason, actor: command.actor.id };
      caseEvent(context, 'case.suspended', { reason: command.reason, ...who(command.actor) });
      return ok();
    }
    case 'resumeCase': {
      const since = context.suspended?.at ?? now;
      context.suspended = null;
      caseEvent(context, 'case.resumed', {
        suspendedFor: now - since,
        ...(command.reason ? { reason: command.reason } : {}),
        ...who(command.actor),
      });
      return ok();
    }
    case 'startSpecialProcedure': {
      const task = ownTask(context, command.taskId, command.department);
      if (task instanceof CommandError) return refuse(task);
      if (context.special[task.id]) {
        return refuse(wrongState(caseId, `Task ${task.id} is already in 特别程序.`));
      }
      context.special[task.id] = { kind: command.kind, reason: command.reason, at: now };
      emitTaskEvent(context, 'task.specialProcedureStarted', task, {
        kind: command.kind,
        reason: command.reason,
        ...who(command.actor),
      });
      return ok();
    }
    case 'endSpecialProcedure': {
      const task = ownTask(context, command.taskId, command.department);
      if (task instanceof CommandError) return refuse(task);
      const special = context.special[task.id];
      if (!special) return refuse(wrongState(caseId, `Task ${task.id} is not in 特别程序.`));
      delete context.special[task.id];
      emitTaskEvent(context, 'task.specialProcedureEnded', task, {
        kind: special.kind,
        lasted: now - special.at,
        ...(command.result ? { result: command.result } : {}),
        ...who(command.actor),
      });
      return ok();
    }
    case 'requestSupplement': {
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
        at: now,
        reason: command.reason,
        items,
      };
      emitTaskEvent(context, 'supplement.requested', task, {
        reason: command.reason,
        items,
        ...who(command.actor),
      });
      return ok();
    }
    case 'supply': {
      const supplement = context.supplement;
      if (!supplement)
        return refuse(
          new CommandError('WRONG_CASE_STATE', `Case ${caseId} is not waiting for 补正 materials.`, {
            caseId,
          }),
        );
      context.supplement = null;
      Object.assign(context.vars, command.variables ?? {});
      const mode = definition.matter?.supplementMode ?? 'requester';
      caseEvent(context, 'supplement.supplied', {
        requestedBy: supplement.department,
        waited: now - supplement.at,
        mode,
        ...who(command.actor),
      });
      // `all`: every branch of the requesting task's stage reviews again.
      return ok(mode === 'all' ? [{ type: `jump:${stageEntry(definition, supplement.elementId)}` }] : []);
    }
    case 'transferTask': {
      const task = ownTask(context, command.taskId, command.department);
      if (task instanceof CommandError) return refuse(task);
      if (command.to === task.department) {
        return refuse(
          new CommandError('BAD_COMMAND', `Task ${task.id} already belongs to ${command.to}.`, { caseId }),
        );
      }
      // Claims, handlers and signatures belong to the old department's people: they do not move.
      const { claimedBy: _claimed, handlers: _handlers, signs: _signs, ...kept } = task;
      context.tasks[task.id] = {
        ...kept,
        department: command.to,
        delegatedTo: null,
        transferredFrom: [command.department, ...(task.transferredFrom ?? [])],
      };
      emitTaskEvent(context, 'task.transferred', task, {
        from: command.department,
        to: command.to,
        reason: command.reason,
        ...who(command.actor),
      });
      return ok();
    }
    case 'delegateTask': {
      const task = ownTask(context, command.taskId, command.department);
      if (task instanceof CommandError) return refuse(task);
      if (task.delegatedTo) {
        return refuse(wrongState(caseId, `Task ${task.id} is already delegated to ${task.delegatedTo}.`));
      }
      context.tasks[task.id] = { ...task, delegatedTo: command.to };
      emitTaskEvent(context, 'task.delegated', task, {
        to: command.to,
        ...(command.reason ? { reason: command.reason } : {}),
        ...who(command.actor),
      });
      return ok();
    }
    case 'addSigner':
      return addSigner(definition, context, command, touched);
    case 'removeSigner': {
      const task = context.tasks[command.taskId];
      const progress = task ? context.mi[task.elementId] : undefined;
      if (!task || !progress || task.instance === null) {
        return refuse(
          new CommandError('TASK_NOT_OPEN', `Task ${command.taskId} is not an open co-handling instance.`, {
            caseId,
          }),
        );
      }
      delete context.tasks[task.id];
      context.mi[task.elementId] = { ...progress, of: progress.of - 1 };
      emitTaskEvent(context, 'task.cancelled', task, {
        reason: command.reason,
        removedSigner: true,
        ...who(command.actor),
      });
      return ok([{ type: `complete:${task.elementId}`, taskId: task.id }]);
    }
    case 'reject':
      return reject(definition, context, command, value);
    case 'resubmit': {
      const returned = context.returned;
      if (!returned) {
        return refuse(wrongState(caseId, `Case ${caseId} was not sent back.`));
      }
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
      const direct =
        command.mode === 'direct' && (definition.stages.get(returned.elementId)?.length ?? 0) > 0;
      const target = direct ? returned.elementId : stageEntry(definition, returned.elementId);
      caseEvent(context, 'case.resubmitted', {
        to: target,
        mode: direct ? 'direct' : 'restart',
        waited: now - returned.at,
        ...who(command.actor),
      });
      return ok([{ type: direct ? `direct:${target}` : `jump:${target}` }]);
    }
    case 'jump': {
      if (!jumpable(definition, command.elementId)) {
        return refuse(
          new CommandError('BAD_COMMAND', `There is no step "${command.elementId}" to move the case to.`, {
            caseId,
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
    }
    case 'extend': {
      const key = command.taskId ?? 'case';
      const clock = context.clocks[key];
      if (!clock) {
        return refuse(
          new CommandError(
            'WRONG_CASE_STATE',
            command.taskId
              ? `Task ${command.taskId} has no clock to extend.`
              : `Case ${caseId} has no running clock.`,
            {
              caseId,
            },
          ),
        );
      }
      const cap = key === 'case' ? (definition.matter?.extensionCap ?? undefined) : undefined;
      context.clocks[key] = extendClock(clock, command.days, command.actor.id, command.reason, now, cap);
      touched.add(key);
      const task = command.taskId === undefined ? undefined : context.tasks[command.taskId];
      const data = { days: command.days, reason: command.reason, approver: command.actor.id };
      if (task) emitTaskEvent(context, 'task.extended', task, data);
      else caseEvent(context, 'case.extended', data);
      return ok();
    }
    case 'recall':
      return prepareRecall(definition, context, command, touched, value);
    case 'claimTask':
      return prepareClaim(definition, context, command);
    case 'unclaimTask':
      return prepareUnclaim(context, command);
    case 'signTask':
      return prepareSign(definition, context, command);
    case 'assignHandlers':
      return prepareAssignHandlers(definition, context, command);
    case 'copyTo': {
      const task = command.taskId === undefined ? undefined : context.tasks[command.taskId];
      if (command.taskId !== undefined && !task) {
        return refuse(
          new CommandError('TASK_NOT_OPEN', `Task ${command.taskId} is not open in case ${caseId}.`, {
            caseId,
          }),
        );
      }
      const data = {
        departments: [...command.departments],
        ...(command.note ? { note: command.note } : {}),
        ...who(command.actor),
      };
      if (task) emitTaskEvent(context, 'case.copied', task, data);
      else caseEvent(context, 'case.copied', data);
      return ok();
    }
  }
}

function jumpable(definition: CompiledDefinition, elementId: string): boolean {
  const node = definition.nodes.get(elementId);
  return (
    node !== undefined &&
    node.kind !== 'boundaryEvent' &&
    node.kind !== 'startEvent' &&
    node.kind !== 'endEvent'
  );
}

function addSigner(
  definition: CompiledDefinition,
  context: CaseContext,
  command: Extract<OperationCommand, { type: 'addSigner' }>,
  touched: Set<string>,
): Prepared {
  const caseId = context.caseId;
  const progress = context.mi[command.elementId];
  const node = definition.nodes.get(command.elementId);
  if (!progress || node?.kind !== 'userTask') {
    return refuse(
      new CommandError(
        'TASK_NOT_OPEN',
        `"${command.elementId}" is not a co-handling stage open in case ${caseId}.`,
        {
          caseId,
          elementId: command.elementId,
        },
      ),
    );
  }
  const siblings = Object.values(context.tasks).filter((t) => t.elementId === command.elementId);
  if (siblings.some((t) => t.department === command.department)) {
    return refuse(
      new CommandError('BAD_COMMAND', `${command.department} already co-handles "${command.elementId}".`, {
        caseId,
      }),
    );
  }
  context.seq += 1;
  const id = `${command.elementId}#${context.seq}`;
  context.mi[command.elementId] = { ...progress, of: progress.of + 1 };
  // Its limit: the stage's remaining time (the siblings' clock), or a fresh limit from now.
  const sibling = siblings.find((t) => context.clocks[t.id] !== undefined);
  const calendar = definition.matter?.calendar ?? 'CN';
  const clock = command.limit
    ? startClock(
        { limit: command.limit, calendar, startedAt: context.now, warning: node.warning },
        definition.calendars,
      )
    : sibling
      ? context.clocks[sibling.id]
      : undefined;
  const dueAt = clock
    ? clockStatus(clock, definition.calendars, context.now, { provisional: definition.provisional }).dueAt
    : null;
  const task: TaskRecord = {
    id,
    elementId: command.elementId,
    name: node.name,
    kind: 'user',
    department: command.department,
    role: node.role,
    openedAt: context.now,
    dueAt,
    instance: { index: progress.of, of: progress.of + 1 },
    handler: null,
  };
  context.tasks[id] = task;
  if (clock) {
    context.clocks[id] = clock;
    touched.add(id);
  }
  emitTaskEvent(context, 'task.opened', task, {
    addedSigner: true,
    reason: command.reason,
    ...(dueAt !== null ? { dueAt } : {}),
    ...who(command.actor),
  });
  return ok();
}

/**
 * Whether, in every stage `elementId` sits in, every other branch is in its done state: the
 * condition for returning a resubmitted case straight to it.
 */
function otherBranchesDone(definition: CompiledDefinition, value: StateValue, elementId: string): boolean {
  const own = stateKey(elementId);
  for (const split of definition.stages.get(elementId) ?? []) {
    const block = findBlock(value, `${stateKey(split)}__block`);
    if (!block || typeof block === 'string') return false;
    for (const [region, regionValue] of Object.entries(block)) {
      if (JSON.stringify(regionValue).includes(JSON.stringify(own))) continue;
      if (regionValue !== `done_${region.slice(1)}`) return false;
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

function reject(
  definition: CompiledDefinition,
  context: CaseContext,
  command: Extract<OperationCommand, { type: 'reject' }>,
  value: StateValue,
): Prepared {
  const caseId = context.caseId;
  const task = ownTask(context, command.taskId, command.department);
  if (task instanceof CommandError) return refuse(task);
  const mode = definition.matter?.rejectMode ?? 'veto';
  if (mode === 'collect' && (definition.stages.get(task.elementId)?.length ?? 0) > 0) {
    // Collect-all: the rejection is this department's answer; its siblings finish, the lead decides.
    return prepareFlowCommand(context, {
      type: 'completeTask',
      taskId: task.id,
      department: command.department,
      outcome: 'reject',
      opinion: command.reason,
      ...(command.actor ? { actor: command.actor } : {}),
    });
  }
  let target: string | null = null;
  if (command.to === 'previous') {
    const stage = new Set(definition.stages.get(task.elementId) ?? []);
    const inSameStage = (elementId: string) =>
      (definition.stages.get(elementId) ?? []).some((s) => stage.has(s));
    target = [...context.trail].reverse().find((e) => e !== task.elementId && !inSameStage(e)) ?? null;
    if (target === null) {
      return refuse(
        new CommandError(
          'BAD_COMMAND',
          `No step before "${task.elementId}" outside its stage to send the case back to.`,
          {
            caseId,
            elementId: task.elementId,
          },
        ),
      );
    }
  } else if (command.to !== 'applicant') {
    target = command.to.elementId;
    if (!jumpable(definition, target)) {
      return refuse(
        new CommandError('BAD_COMMAND', `There is no step "${target}" to send the case back to.`, {
          caseId,
          elementId: target,
        }),
      );
    }
  }
  delete context.tasks[task.id];
  context.trail = [...context.trail.slice(-19), task.elementId];
  emitTaskEvent(context, 'task.rejected', task, {
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
