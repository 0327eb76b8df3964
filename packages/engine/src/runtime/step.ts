import type { CompiledDefinition } from '../compile/compile.js';
import { type MachineEvent, type MachineInput, runMachineActions } from '../compile/machine.js';
import { TongbanError } from '../errors.js';
import type { Instant } from '../model/time.js';
import { CommandError } from './command-error.js';
import type { CaseContext } from './context.js';
import type { CaseEvent } from './events.js';
import { pureInitialTransition, pureResolveState, pureTransition } from './pure-transition.js';
import { scheduleTimes } from './schedule.js';
import type { CaseSnapshot } from './snapshot.js';
import type { CaseStatus, Command, TaskRecord, TimerChanges, TimerRecord } from './types.js';
import { commandShapeProblem } from './validate-command.js';

/** A command applied: the new snapshot to persist, what happened, and the timers to (un)schedule. */
export interface StepApplied {
  readonly ok: true;
  readonly snapshot: CaseSnapshot;
  readonly events: readonly CaseEvent[];
  readonly timers: TimerChanges;
  /** Every task open after the command, user and service. */
  readonly openTasks: readonly TaskRecord[];
}

/** A command refused: nothing changed. */
export interface StepRefused {
  readonly ok: false;
  readonly error: TongbanError;
}

export type StepResult = StepApplied | StepRefused;

const refuse = (error: TongbanError): StepRefused => ({ ok: false, error });

/**
 * Applies one command to a case: the engine's only way to change a case. Pure: it reads no clock
 * (`now` is the command's instant), does no I/O and never mutates its inputs. A command that does
 * not apply returns `{ ok: false, error }`; it never throws for bad input.
 */
export function step(
  definition: CompiledDefinition,
  snapshot: CaseSnapshot | null,
  command: Command,
  now: Instant,
): StepResult {
  const problem = commandShapeProblem(command);
  if (problem !== null) return refuse(new CommandError('BAD_COMMAND', `Bad command: ${problem}.`));
  if (!Number.isFinite(now))
    return refuse(new CommandError('BAD_COMMAND', 'Bad command: `now` must be a finite instant.'));
  try {
    return command.type === 'start'
      ? start(definition, snapshot, command, now)
      : apply(definition, snapshot, command, now);
  } catch (error) {
    // Conditions and calendars report bad data (a condition over a wrong type, a date past the
    // calendar's horizon) with typed errors: the command is refused, the case is untouched.
    if (error instanceof TongbanError) return refuse(error);
    throw error;
  }
}

function start(
  definition: CompiledDefinition,
  snapshot: CaseSnapshot | null,
  command: Extract<Command, { type: 'start' }>,
  now: Instant,
): StepResult {
  if (snapshot !== null) {
    return refuse(
      new CommandError('CASE_EXISTS', `Case ${command.caseId} already exists.`, { caseId: command.caseId }),
    );
  }
  const vars = {
    ...(command.variables ?? {}),
    ...(command.coDepartments ? { coDepartments: [...command.coDepartments] } : {}),
  };
  const input: MachineInput = { caseId: command.caseId, now, vars };
  const [state, actions] = pureInitialTransition(definition.machine, input);
  const context = state.context as CaseContext;
  runMachineActions(actions, context);
  const started: CaseEvent = {
    type: 'case.started',
    at: now,
    caseId: command.caseId,
    data: {
      definition: definition.hash,
      processId: definition.processId,
      ...(command.actor ? { actor: command.actor.id } : {}),
    },
  };
  context.out.unshift(started);
  return finish(
    definition,
    { status: 'running', startedAt: now, light: null, dueAt: null },
    {},
    state.value,
    context,
    now,
  );
}

function apply(
  definition: CompiledDefinition,
  snapshot: CaseSnapshot | null,
  command: Exclude<Command, { type: 'start' }>,
  now: Instant,
): StepResult {
  if (snapshot === null) return refuse(new CommandError('NO_CASE', 'No such case: start it first.'));
  const caseId = snapshot.caseId;
  if (snapshot.definitionHash !== definition.hash) {
    return refuse(
      new CommandError(
        'DEFINITION_MISMATCH',
        `Case ${caseId} runs on definition ${snapshot.definitionHash.slice(0, 12)}…, not ${definition.hash.slice(0, 12)}…: load the version it started on.`,
        { caseId },
      ),
    );
  }
  if (snapshot.status !== 'running') {
    return refuse(
      new CommandError('CASE_ENDED', `Case ${caseId} has ended (${snapshot.status}).`, { caseId }),
    );
  }
  const context = cloneContext(snapshot.machine.context, now);
  const before = { ...context.timers };

  const prepared = prepare(context, command);
  if (!prepared.ok) return prepared;

  const state = pureResolveState(definition.machine, snapshot.machine.value, context);
  let value = state.value;
  let nextContext = context;
  if (prepared.event !== null) {
    if (command.type === 'message' && !state.can(prepared.event)) {
      return refuse(
        new CommandError(
          'MESSAGE_NOT_EXPECTED',
          `Case ${caseId} is not waiting for message "${command.name}".`,
          {
            caseId,
          },
        ),
      );
    }
    const [next, actions] = pureTransition(definition.machine, state, prepared.event);
    nextContext = next.context as CaseContext;
    runMachineActions(actions, nextContext);
    value = next.value;
    if (nextContext.noFlow !== null) {
      return refuse(
        new CommandError(
          'NO_MATCHING_FLOW',
          `Gateway "${nextContext.noFlow}" found no outgoing flow whose condition holds and has no default flow: check the variables sent with the command.`,
          { caseId, elementId: nextContext.noFlow },
        ),
      );
    }
  }
  if (command.type === 'withdraw') {
    nextContext.out.push({
      type: 'case.withdrawn',
      at: now,
      caseId,
      data: {
        ...(command.reason ? { reason: command.reason } : {}),
        ...(command.actor ? { actor: command.actor.id } : {}),
      },
    });
  }
  const base = {
    status: snapshot.status,
    startedAt: snapshot.startedAt,
    light: snapshot.light,
    dueAt: snapshot.dueAt,
  };
  return finish(definition, base, before, value, nextContext, now);
}

/**
 * A private copy of the persisted context for one step, so `step` never mutates its input. Only
 * the containers are copied: records inside them (tasks, timers, clocks) are replaced, never edited,
 * by the runtime and the machine's actions, and variables are merged at the top level only. The one
 * record edited in place, multi-instance progress, is copied.
 */
function cloneContext(context: CaseContext, now: Instant): CaseContext {
  const mi: CaseContext['mi'] = {};
  for (const [id, progress] of Object.entries(context.mi)) mi[id] = { ...progress };
  return {
    ...context,
    now,
    vars: { ...context.vars },
    tasks: { ...context.tasks },
    timers: { ...context.timers },
    mi,
    clocks: { ...context.clocks },
    lights: { ...context.lights },
    out: [],
    noFlow: null,
  };
}

type Prepared = { ok: true; event: MachineEvent | null } | StepRefused;

/** Validates a command against the case and records its data before the statechart moves. */
function prepare(context: CaseContext, command: Exclude<Command, { type: 'start' }>): Prepared {
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
      delete context.tasks[task.id];
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
      return { ok: true, event: { type: `complete:${task.elementId}`, taskId: task.id } };
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
        return { ok: true, event: { type: `service:${task.elementId}`, taskId: task.id } };
      }
      context.out.push({
        type: 'service.failed',
        at,
        caseId,
        elementId: task.elementId,
        taskId: task.id,
        data: { errorCode: command.errorCode, ...(command.message ? { message: command.message } : {}) },
      });
      return { ok: true, event: { type: `error:${task.elementId}`, code: command.errorCode } };
    }
    case 'message':
      Object.assign(context.vars, command.variables ?? {});
      context.out.push({ type: 'message.received', at, caseId, data: { name: command.name } });
      return { ok: true, event: { type: `message:${command.name}` } };
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
      if (timer.purpose === 'light') return { ok: true, event: null };
      context.out.push({
        type: 'timer.fired',
        at,
        caseId,
        elementId: timer.elementId,
        data: { timerId: timer.id, purpose: timer.purpose, dueAt: timer.dueAt },
      });
      return { ok: true, event: { type: `timer:${timer.elementId ?? ''}`, timerId: timer.id } };
    }
    case 'withdraw':
      return { ok: true, event: { type: 'case.withdraw' } };
  }
}

const ENDINGS: Record<
  NonNullable<CaseContext['ending']>,
  { status: CaseStatus; event: CaseEvent['type'] | null }
> = {
  completed: { status: 'completed', event: 'case.completed' },
  terminated: { status: 'terminated', event: null },
  failed: { status: 'failed', event: null },
  withdrawn: { status: 'withdrawn', event: null },
};

function finish(
  definition: CompiledDefinition,
  base: Pick<CaseSnapshot, 'status' | 'startedAt' | 'light' | 'dueAt'>,
  before: Readonly<Record<string, TimerRecord>>,
  value: CaseSnapshot['machine']['value'],
  context: CaseContext,
  now: Instant,
): StepApplied {
  let status = base.status;
  if (context.ending !== null && status === 'running') {
    const ending = ENDINGS[context.ending];
    status = ending.status;
    if (ending.event !== null) context.out.push({ type: ending.event, at: now, caseId: context.caseId });
  }
  const clocks = scheduleTimes(definition, context, base, status, now);
  const set: TimerRecord[] = [];
  for (const timer of Object.values(context.timers)) {
    const old = before[timer.id];
    if (!old || old.dueAt !== timer.dueAt) set.push(timer);
  }
  const cancel = Object.keys(before).filter((id) => !context.timers[id]);
  const events = context.out;
  const snapshot: CaseSnapshot = {
    schema: 1,
    caseId: context.caseId,
    definitionHash: definition.hash,
    status,
    startedAt: base.startedAt,
    light: clocks.light,
    dueAt: clocks.dueAt,
    machine: { value, context: { ...context, out: [], noFlow: null } },
  };
  return { ok: true, snapshot, events, timers: { set, cancel }, openTasks: Object.values(context.tasks) };
}
