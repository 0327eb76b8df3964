import type { CompiledDefinition } from '../compile/compile.js';
import { type MachineEvent, type MachineInput, runMachineActions } from '../compile/machine.js';
import { TongbanError } from '../errors.js';
import { type CaseStatus, isLiveStatus, type TimerRecord } from '../model/case.js';
import type { CaseContext } from '../model/context.js';
import type { CaseEvent } from '../model/events.js';
import type { CaseSnapshot } from '../model/snapshot.js';
import type { Instant } from '../model/time.js';
import { reconcileClocks } from './clock-reconcile.js';
import { CommandError } from './command-error.js';
import { admissionProblem } from './commands/admission.js';
import type { AnyCommandSpec } from './commands/spec.js';
import { caseCommandSpec } from './commands/table.js';
import { INTERCEPTORS } from './interceptors.js';
import { permissionProblem } from './permission.js';
import { pureInitialTransition, pureResolveState, pureTransition } from './pure-transition.js';
import { scheduleTimes } from './schedule.js';
import { BadSnapshotError, snapshotProblem } from './snapshot-shape.js';
import type { StepApplied, StepRefused, StepResult } from './step-result.js';
import { loadContext, SNAPSHOT_SCHEMAS, SnapshotSchemaError, storeContext } from './stored-context.js';
import { timeOrderProblem } from './time-order.js';
import { timeoutActions } from './timeout-actions.js';
import { adoptParkedTimers, reconcileTimers } from './timer-holds.js';
import type { Command } from './types.js';
import { commandShapeProblem } from './validate-command.js';

export type { StepApplied, StepRefused, StepResult } from './step-result.js';

const refuse = (error: TongbanError): StepRefused => ({ ok: false, error });

/** The largest instant a `Date` holds (ECMA-262 §21.4.1.1); calendars cannot count beyond it. */
const MAX_INSTANT = 8.64e15;

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
  if (typeof now !== 'number' || !Number.isFinite(now) || Math.abs(now) > MAX_INSTANT) {
    return refuse(
      new CommandError(
        'BAD_COMMAND',
        'Bad command: `now` must be an instant in epoch milliseconds within the range of dates (±8.64e15).',
      ),
    );
  }
  if (command.type === 'start') {
    const denied = permissionProblem(definition, command, command.caseId);
    if (denied) return refuse(denied);
  }
  try {
    return command.type === 'start'
      ? start(definition, snapshot, command, now)
      : apply(definition, snapshot, command, now);
  } catch (error) {
    // Conditions and calendars report bad data (a date past the calendar's horizon, a clock
    // that cannot be moved that way) with typed errors: the command is refused, the case untouched.
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
  const intake = command.intake ?? 'accepted';
  const input: MachineInput = { caseId: command.caseId, now, vars, intake };
  const [state, actions] = pureInitialTransition(definition.machine, input);
  const context = state.context as CaseContext;
  runMachineActions(actions, context);
  context.out.unshift({
    type: intake === 'pending' ? 'case.registered' : 'case.started',
    at: now,
    caseId: command.caseId,
    data: {
      definition: definition.hash,
      processId: definition.processId,
      ...(command.actor ? { actor: command.actor.id } : {}),
      // 受理窗口: the accepting person's department, for window statistics.
      ...(command.actor?.department ? { window: command.actor.department } : {}),
    },
  });
  const base = { startedAt: now, dueAt: null };
  return finish(definition, base, {}, state.value, context, now, new Set());
}

/** Why a stored snapshot cannot take this command at all (a missing, damaged or ended case), or null. */
function snapshotRefusal(
  definition: CompiledDefinition,
  snapshot: CaseSnapshot,
  now: Instant,
): TongbanError | null {
  if (typeof snapshot !== 'object' || Array.isArray(snapshot)) {
    return new BadSnapshotError('The snapshot is not an object: pass the case as the store saved it.');
  }
  const caseId = snapshot.caseId;
  if (!SNAPSHOT_SCHEMAS.includes(snapshot.schema)) {
    return new SnapshotSchemaError(
      `Case ${caseId} has a snapshot of layout ${String(snapshot.schema)}; this engine reads layouts ${SNAPSHOT_SCHEMAS.join(', ')}.`,
      { caseId },
    );
  }
  const damaged = snapshotProblem(snapshot as unknown as Record<string, unknown>);
  if (damaged !== null) {
    const where = typeof caseId === 'string' && caseId !== '' ? { caseId } : {};
    return new BadSnapshotError(
      `The snapshot${where.caseId ? ` of case ${caseId}` : ''} is damaged: ${damaged}. Restore it from the store's history (or its events); step does not guess.`,
      where,
    );
  }
  if (snapshot.definitionHash !== definition.hash) {
    return new CommandError(
      'DEFINITION_MISMATCH',
      `Case ${caseId} runs on definition ${snapshot.definitionHash.slice(0, 12)}…, not ${definition.hash.slice(0, 12)}…: load the version it started on.`,
      { caseId },
    );
  }
  if (!isLiveStatus(snapshot.status)) {
    return new CommandError('CASE_ENDED', `Case ${caseId} has ended (${snapshot.status}).`, { caseId });
  }
  return unknownStateProblem(definition, snapshot) ?? timeOrderProblem(snapshot, now);
}

/** A state value that names no state of the definition (xstate throws a plain Error on it). */
function unknownStateProblem(definition: CompiledDefinition, snapshot: CaseSnapshot): TongbanError | null {
  try {
    pureResolveState(definition.machine, snapshot.machine.value, {});
    return null;
  } catch {
    return new BadSnapshotError(
      `The snapshot of case ${snapshot.caseId} is damaged: \`machine.value\` names a state its definition does not have. Restore it from the store's history (or its events); step does not guess.`,
      { caseId: snapshot.caseId },
    );
  }
}

/**
 * A command on an existing case, through the fixed stages of its entry in the command table:
 * who may (`whoMay`) → when (`when`, the case's status) → precheck → prepare → statechart →
 * after → clocks, timers and the new snapshot; the interceptors (撤回 windows) run before
 * precheck and after the statechart.
 */
function apply(
  definition: CompiledDefinition,
  snapshot: CaseSnapshot | null,
  command: Exclude<Command, { type: 'start' }>,
  now: Instant,
): StepResult {
  if (snapshot === null) return refuse(new CommandError('NO_CASE', 'No such case: start it first.'));
  const broken = snapshotRefusal(definition, snapshot, now);
  if (broken !== null) return refuse(broken);
  const caseId = snapshot.caseId;
  const denied = permissionProblem(definition, command, caseId);
  if (denied) return refuse(denied);
  const admission = admissionProblem(snapshot.status, command.type, caseId);
  if (admission) return refuse(admission);
  const spec: AnyCommandSpec = caseCommandSpec(command.type);

  const context = loadContext(snapshot.machine.context, caseId, now);
  adoptParkedTimers(definition, context);
  const before = { ...context.timers };
  const touched = new Set<string>();
  for (const interceptor of INTERCEPTORS) {
    interceptor.before({ definition, context, value: snapshot.machine.value });
  }
  const input = { definition, context, command, touched, value: snapshot.machine.value };
  const blocked = spec.precheck?.(input) ?? null;
  if (blocked) return refuse(blocked);
  const prepared = spec.prepare(input);
  if (!prepared.ok) return prepared;

  const onUnexpected = spec.unexpected;
  const unexpected = onUnexpected === undefined ? null : () => onUnexpected(command, caseId);
  const moved = run(definition, snapshot.machine.value, context, prepared.events, unexpected);
  if (!moved.ok) return moved;
  for (const interceptor of INTERCEPTORS) {
    const stored = snapshot.machine.context;
    interceptor.after({ definition, stored, context: moved.context, command, value: moved.value, touched });
  }
  const base = { startedAt: snapshot.startedAt, dueAt: snapshot.dueAt };
  spec.after?.({ command, context: moved.context, base });
  return finish(definition, base, before, moved.value, moved.context, now, touched);
}

type Moved = { ok: true; value: CaseSnapshot['machine']['value']; context: CaseContext } | StepRefused;

/** Sends the prepared events through the statechart, one after another. */
function run(
  definition: CompiledDefinition,
  value: CaseSnapshot['machine']['value'],
  context: CaseContext,
  events: readonly MachineEvent[],
  /** The refusal for an event the statechart cannot take (`unexpected` in the table), if any. */
  unexpected: (() => CommandError) | null,
): Moved {
  let current = { value, context };
  for (const event of events) {
    const state = pureResolveState(definition.machine, current.value, current.context);
    if (unexpected !== null && !state.can(event)) return refuse(unexpected());
    const [next, actions] = pureTransition(definition.machine, state, event);
    const nextContext = next.context as CaseContext;
    runMachineActions(actions, nextContext);
    if (nextContext.noFlow !== null) {
      return refuse(
        new CommandError(
          'NO_MATCHING_FLOW',
          `Gateway "${nextContext.noFlow}" found no outgoing flow whose condition holds and has no default flow: check the variables sent with the command.`,
          { caseId: context.caseId, elementId: nextContext.noFlow },
        ),
      );
    }
    current = { value: next.value, context: nextContext };
  }
  return { ok: true, ...current };
}

const ENDINGS: Record<
  NonNullable<CaseContext['ending']>,
  { status: CaseStatus; event: CaseEvent['type'] | null }
> = {
  completed: { status: 'completed', event: 'case.completed' },
  terminated: { status: 'terminated', event: null },
  failed: { status: 'failed', event: null },
  withdrawn: { status: 'withdrawn', event: null },
  refused: { status: 'refused', event: null },
};

function statusOf(context: CaseContext): CaseStatus {
  if (context.ending !== null) return ENDINGS[context.ending].status;
  if (context.intake === 'pending') return 'pending';
  if (context.suspended !== null) return 'suspended';
  if (context.returned !== null) return 'returned';
  return 'running';
}

/** Clocks, timers and timeout actions after the statechart has moved; then the snapshot. */
function finish(
  definition: CompiledDefinition,
  base: Pick<CaseSnapshot, 'startedAt' | 'dueAt'>,
  before: Readonly<Record<string, TimerRecord>>,
  value: CaseSnapshot['machine']['value'],
  startContext: CaseContext,
  now: Instant,
  touched: Set<string>,
): StepApplied {
  let context = startContext;
  let current = value;
  let clocks: Pick<CaseSnapshot, 'light' | 'dueAt'> = { light: null, dueAt: base.dueAt };
  // A timeout action (deemed agreed, auto-reject) completes a task when its light turns red; that
  // moves the statechart, which may open tasks with clocks of their own: repeat until settled.
  for (let round = 0; round < 8; round++) {
    let status = statusOf(context);
    if (context.ending !== null) {
      const ending = ENDINGS[context.ending];
      if (ending.event !== null && !context.out.some((e) => e.type === ending.event)) {
        context.out.push({ type: ending.event, at: now, caseId: context.caseId });
      }
    }
    status = statusOf(context);
    reconcileClocks(context, status, now, touched);
    clocks = scheduleTimes(definition, context, base, status, now, touched);
    reconcileTimers(definition, context, isLiveStatus(status), now);
    const followUp = timeoutActions(definition, context);
    if (followUp.length === 0) break;
    const moved = run(definition, current, context, followUp, null);
    if (!moved.ok) break;
    current = moved.value;
    context = moved.context;
  }
  const status = statusOf(context);
  const set: TimerRecord[] = [];
  for (const timer of Object.values(context.timers)) {
    const old = before[timer.id];
    if (!old || old.dueAt !== timer.dueAt) set.push(timer);
  }
  const cancel = Object.keys(before).filter((id) => !context.timers[id]);
  const snapshot: CaseSnapshot = {
    schema: 2,
    caseId: context.caseId,
    definitionHash: definition.hash,
    status,
    startedAt: base.startedAt,
    updatedAt: now,
    light: clocks.light,
    dueAt: clocks.dueAt,
    machine: { value: current, context: storeContext(context) },
  };
  return {
    ok: true,
    snapshot,
    events: context.out,
    timers: { set, cancel },
    openTasks: Object.values(context.tasks),
  };
}
