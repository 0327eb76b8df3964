import type { CompiledDefinition } from '../compile/compile.js';
import type { TaskRecord, TaskSign } from '../model/case.js';
import type { CaseContext } from '../model/context.js';
import type { DecisionMode, TaskHandler, UserTaskNode } from '../model/process.js';
import { CommandError } from './command-error.js';
import { prepareCompletion } from './commands/completion.js';
import { taskEvent } from './commands/emit.js';
import { ownTask } from './commands/guards.js';
import { type Prepared, refuse } from './commands/spec.js';
import type {
  AssignHandlersCommand,
  ClaimTaskCommand,
  SignTaskCommand,
  UnclaimTaskCommand,
} from './operation-commands.js';
import type { CompleteTaskCommand } from './types.js';

/** 票签 passes at half the weight unless the model says otherwise (`tb:passRatio`). */
const DEFAULT_PASS_RATIO = 0.5;
/** Weights and ratios are decimals: compare with a little slack so 0.1 + 0.2 reaches 0.3. */
const EPSILON = 1e-9;

function userNode(definition: CompiledDefinition, task: TaskRecord): UserTaskNode | null {
  const node = definition.nodes.get(task.elementId);
  return node?.kind === 'userTask' ? node : null;
}

/** Who signs (or may claim) a task: the handlers named at run time, else the model's `tb:handlers`. */
export function handlersOf(definition: CompiledDefinition, task: TaskRecord): readonly TaskHandler[] {
  return task.handlers ?? userNode(definition, task)?.handlers ?? [];
}

/** The one guard for an open task of the command's department (`commands/guards.ts`). */
const openTask = (context: CaseContext, command: { taskId: string; department: string }) =>
  ownTask(context, command.taskId, command.department);

function taskError(
  context: CaseContext,
  task: TaskRecord,
  code: 'WRONG_CASE_STATE' | 'WRONG_ASSIGNEE' | 'NOT_YOUR_TURN' | 'BAD_COMMAND',
  message: string,
): Prepared {
  return refuse(new CommandError(code, message, { caseId: context.caseId, elementId: task.elementId }));
}

/**
 * Why a department may not simply complete this task, or null: a task with a decision mode is
 * decided by its handlers' signatures, and a `tb:claim="one"` task only by the person who claimed
 * it. (Timeout actions complete on the department's behalf and do not come through here.)
 */
export function completionProblem(
  definition: CompiledDefinition,
  context: CaseContext,
  command: CompleteTaskCommand,
): CommandError | null {
  const task = context.tasks[command.taskId];
  if (task?.kind !== 'user' || task.department !== command.department || task.delegatedTo) return null;
  const node = userNode(definition, task);
  const where = { caseId: context.caseId, elementId: task.elementId };
  if (node?.decisionMode !== undefined && command.actor?.kind !== 'system') {
    return new CommandError(
      'WRONG_CASE_STATE',
      `Task ${task.id} is decided by its handlers' signatures (${node.decisionMode}): each handler signs with signTask.`,
      where,
    );
  }
  if (node?.claim === 'one') {
    if (task.claimedBy === undefined) {
      return new CommandError(
        'WRONG_ASSIGNEE',
        `Task ${task.id} must be claimed (签收) before it is completed.`,
        where,
      );
    }
    if (command.actor?.id !== task.claimedBy) {
      return new CommandError(
        'WRONG_ASSIGNEE',
        `Task ${task.id} is claimed by ${task.claimedBy}: only they can complete it until they release it.`,
        where,
      );
    }
  }
  return null;
}

export function prepareClaim(
  definition: CompiledDefinition,
  context: CaseContext,
  command: ClaimTaskCommand,
): Prepared {
  const task = openTask(context, command);
  if (task instanceof CommandError) return refuse(task);
  if (userNode(definition, task)?.claim !== 'one') {
    return taskError(
      context,
      task,
      'WRONG_CASE_STATE',
      `Task ${task.id} is not claimed (its tb:claim is not "one"): anyone of ${task.department} may act on it.`,
    );
  }
  const who = command.actor.id;
  if (task.claimedBy !== undefined) {
    return task.claimedBy === who
      ? taskError(context, task, 'WRONG_CASE_STATE', `Task ${task.id} is already claimed by ${who}.`)
      : taskError(
          context,
          task,
          'WRONG_ASSIGNEE',
          `Task ${task.id} is already claimed by ${task.claimedBy}.`,
        );
  }
  const handlers = handlersOf(definition, task);
  if (handlers.length > 0 && !handlers.some((h) => h.id === who)) {
    return taskError(context, task, 'WRONG_ASSIGNEE', `${who} is not among the handlers of task ${task.id}.`);
  }
  if (task.delegatedTo) {
    return taskError(
      context,
      task,
      'WRONG_CASE_STATE',
      `Task ${task.id} is delegated to ${task.delegatedTo}.`,
    );
  }
  context.tasks[task.id] = { ...task, claimedBy: who };
  taskEvent(context, 'task.claimed', task, { by: who });
  return { ok: true, events: [] };
}

export function prepareUnclaim(context: CaseContext, command: UnclaimTaskCommand): Prepared {
  const task = openTask(context, command);
  if (task instanceof CommandError) return refuse(task);
  const { claimedBy, ...rest } = task;
  if (claimedBy === undefined) {
    return taskError(context, task, 'WRONG_CASE_STATE', `Task ${task.id} is not claimed.`);
  }
  const officer = command.actor.kind === 'officer' || command.actor.kind === 'admin';
  if (command.actor.id !== claimedBy && !officer) {
    return taskError(
      context,
      task,
      'WRONG_ASSIGNEE',
      `Task ${task.id} is claimed by ${claimedBy}: only they (or an officer) can release it.`,
    );
  }
  context.tasks[task.id] = rest;
  taskEvent(context, 'task.unclaimed', task, {
    by: claimedBy,
    actor: command.actor.id,
    ...(command.reason ? { reason: command.reason } : {}),
  });
  return { ok: true, events: [] };
}

export function prepareAssignHandlers(
  definition: CompiledDefinition,
  context: CaseContext,
  command: AssignHandlersCommand,
): Prepared {
  const task = openTask(context, command);
  if (task instanceof CommandError) return refuse(task);
  const node = userNode(definition, task);
  if (node?.decisionMode === undefined && node?.claim !== 'one') {
    return taskError(
      context,
      task,
      'WRONG_CASE_STATE',
      `Task ${task.id} has no decision mode and no claim rule: its department completes it as one.`,
    );
  }
  if ((task.signs?.length ?? 0) > 0 || task.claimedBy !== undefined) {
    return taskError(
      context,
      task,
      'WRONG_CASE_STATE',
      `Task ${task.id} already has signatures or a claimant: its handlers can no longer change.`,
    );
  }
  const handlers: TaskHandler[] = command.handlers.map((h) =>
    typeof h === 'string' ? { id: h, weight: 1 } : { id: h.id, weight: h.weight ?? 1 },
  );
  if (new Set(handlers.map((h) => h.id)).size !== handlers.length) {
    return taskError(context, task, 'BAD_COMMAND', 'assignHandlers lists a handler more than once.');
  }
  context.tasks[task.id] = { ...task, handlers };
  taskEvent(context, 'task.handlersAssigned', task, {
    handlers: handlers.map((h) => (h.weight === 1 ? h.id : `${h.id}:${h.weight}`)),
    ...(command.reason ? { reason: command.reason } : {}),
    ...(command.actor ? { actor: command.actor.id } : {}),
  });
  return { ok: true, events: [] };
}

/** The tally of a task's signatures, and the department's outcome once the mode has decided. */
export interface Decision {
  readonly outcome: string | null;
  readonly approvedWeight: number;
  readonly rejectedWeight: number;
  readonly totalWeight: number;
}

/**
 * When a department's handlers have decided, by mode. 或签: the first signature. 会签 and 依次:
 * the first rejection decides reject at once (waiting for the others could not change it); all
 * approving decides approve. 票签: approve as soon as the approving weight reaches `passRatio` of
 * the total; reject as soon as it no longer can, even with every handler still to sign approving.
 */
export function decide(
  mode: DecisionMode,
  handlers: readonly TaskHandler[],
  signs: readonly TaskSign[],
  passRatio: number = DEFAULT_PASS_RATIO,
): Decision {
  const weight = (id: string) => handlers.find((h) => h.id === id)?.weight ?? 0;
  const totalWeight = handlers.reduce((sum, h) => sum + h.weight, 0);
  let approvedWeight = 0;
  let rejectedWeight = 0;
  for (const s of signs) {
    if (s.outcome === 'approve') approvedWeight += weight(s.by);
    else if (s.outcome === 'reject') rejectedWeight += weight(s.by);
  }
  const tally = { approvedWeight, rejectedWeight, totalWeight };
  switch (mode) {
    case 'any':
      return { outcome: signs[0]?.outcome ?? null, ...tally };
    case 'all':
    case 'sequential': {
      if (signs.some((s) => s.outcome === 'reject')) return { outcome: 'reject', ...tally };
      const all = handlers.every((h) => signs.some((s) => s.by === h.id));
      return { outcome: all ? 'approve' : null, ...tally };
    }
    case 'vote': {
      const needed = passRatio * totalWeight;
      if (approvedWeight >= needed - EPSILON) return { outcome: 'approve', ...tally };
      const remaining = totalWeight - approvedWeight - rejectedWeight;
      if (approvedWeight + remaining < needed - EPSILON) return { outcome: 'reject', ...tally };
      return { outcome: null, ...tally };
    }
  }
}

export function prepareSign(
  definition: CompiledDefinition,
  context: CaseContext,
  command: SignTaskCommand,
): Prepared {
  const task = openTask(context, command);
  if (task instanceof CommandError) return refuse(task);
  const node = userNode(definition, task);
  const mode = node?.decisionMode;
  if (mode === undefined) {
    return taskError(
      context,
      task,
      'WRONG_CASE_STATE',
      `Task ${task.id} has no decision mode: its department completes it with completeTask.`,
    );
  }
  if (mode !== 'any' && command.outcome !== 'approve' && command.outcome !== 'reject') {
    return taskError(context, task, 'BAD_COMMAND', `In ${mode} mode a signature is "approve" or "reject".`);
  }
  if (task.delegatedTo) {
    return taskError(
      context,
      task,
      'WRONG_CASE_STATE',
      `Task ${task.id} is delegated to ${task.delegatedTo}.`,
    );
  }
  const handlers = handlersOf(definition, task);
  if (handlers.length === 0) {
    return taskError(
      context,
      task,
      'WRONG_CASE_STATE',
      `Task ${task.id} has no handlers yet: its department names them with assignHandlers.`,
    );
  }
  const who = command.actor.id;
  if (!handlers.some((h) => h.id === who)) {
    return taskError(context, task, 'WRONG_ASSIGNEE', `${who} is not among the handlers of task ${task.id}.`);
  }
  if (task.claimedBy !== undefined && task.claimedBy !== who) {
    return taskError(context, task, 'WRONG_ASSIGNEE', `Task ${task.id} is claimed by ${task.claimedBy}.`);
  }
  if (node?.claim === 'one' && task.claimedBy === undefined) {
    return taskError(
      context,
      task,
      'WRONG_ASSIGNEE',
      `Task ${task.id} must be claimed (签收) before it is signed.`,
    );
  }
  const signs = task.signs ?? [];
  if (signs.some((s) => s.by === who)) {
    return taskError(context, task, 'WRONG_CASE_STATE', `${who} has already signed task ${task.id}.`);
  }
  if (mode === 'sequential') {
    const next = handlers.find((h) => !signs.some((s) => s.by === h.id));
    if (next && next.id !== who) {
      return taskError(
        context,
        task,
        'NOT_YOUR_TURN',
        `Task ${task.id} is signed in order (依次): ${next.id} signs before ${who}.`,
      );
    }
  }
  const sign: TaskSign = {
    by: who,
    outcome: command.outcome,
    at: context.now,
    ...(command.opinion !== undefined ? { opinion: command.opinion } : {}),
  };
  const all = [...signs, sign];
  taskEvent(context, 'task.signed', task, {
    by: who,
    outcome: command.outcome,
    ...(command.opinion !== undefined ? { opinion: command.opinion } : {}),
    ...(mode === 'vote' ? { weight: handlers.find((h) => h.id === who)?.weight ?? 0 } : {}),
  });
  const decision = decide(mode, handlers, all, node?.passRatio);
  if (decision.outcome === null) {
    context.tasks[task.id] = { ...task, signs: all };
    return { ok: true, events: [] };
  }
  taskEvent(context, 'task.decided', task, {
    mode,
    outcome: decision.outcome,
    decidedBy: who,
    signatures: all.length,
    handlers: handlers.length,
    ...(mode === 'vote'
      ? {
          approvedWeight: decision.approvedWeight,
          rejectedWeight: decision.rejectedWeight,
          totalWeight: decision.totalWeight,
          passRatio: node?.passRatio ?? DEFAULT_PASS_RATIO,
        }
      : {}),
  });
  context.tasks[task.id] = { ...task, signs: all };
  return prepareCompletion(context, {
    type: 'completeTask',
    taskId: task.id,
    department: command.department,
    outcome: decision.outcome,
    ...(command.opinion !== undefined ? { opinion: command.opinion } : {}),
    actor: command.actor,
  });
}
