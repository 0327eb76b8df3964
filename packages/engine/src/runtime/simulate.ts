import { DateTime } from 'luxon';
import type { CompiledDefinition } from '../compile/compile.js';
import { TongbanError } from '../errors.js';
import { type Actor, isLiveStatus, type TaskRecord } from '../model/case.js';
import type { CaseEvent } from '../model/events.js';
import type { JsonValue, Variables } from '../model/json.js';
import type { CaseSnapshot } from '../model/snapshot.js';
import type { Instant } from '../model/time.js';
import { MemoryRuntime } from './memory-runtime.js';
import type { Command } from './types.js';
import { variablesProblem } from './variables-shape.js';

/**
 * A dry-run scenario (`tongban simulate`, the designer's dry run): start a case, then act on it
 * step by step. Times are ISO 8601; without an offset they are Beijing time (the calendar's zone).
 * Before each step, timers that fall due by its time fire, each at its own due instant.
 * The format is documented in docs/simulate.md.
 */
export interface Scenario {
  readonly start: {
    readonly at: string;
    readonly caseId?: string;
    readonly variables?: Variables;
    readonly coDepartments?: readonly string[];
    readonly actor?: string;
    /** `pending`: only register the case (收件); an `accept` step then accepts it. */
    readonly intake?: 'accepted' | 'pending';
  };
  readonly steps?: readonly ScenarioStep[];
  /** Fire timers up to this time after the last step (e.g. to see lights turn red). */
  readonly until?: string;
}

/** One step: exactly one action key (`complete`, `message`, `completeService`, `failService`, `withdraw`, `advanceTo`). */
export interface ScenarioStep {
  readonly at?: string;
  /** Complete the open task of this BPMN element (and `department`, for multi-instance). */
  readonly complete?: string;
  readonly department?: string;
  readonly outcome?: string;
  readonly opinion?: string;
  readonly actor?: string;
  readonly variables?: Variables;
  readonly message?: string;
  readonly completeService?: string;
  readonly failService?: string;
  readonly errorCode?: string;
  readonly withdraw?: boolean;
  readonly reason?: string;
  /** Only let time pass: fire the timers due by then. */
  readonly advanceTo?: string;
  /**
   * Any approval operation by its command type (`requestSupplement`, `reject`, `transferTask`,
   * `suspendCase`, …); the step's other fields are the command's, with `task` (+ `department`)
   * naming the open task instead of its id, and `actor` / `actorKind` the actor.
   */
  readonly op?: string;
  readonly task?: string;
  readonly actorKind?: Actor['kind'];
  /** The acting person's department (e.g. the lead department's staff for 加签). */
  readonly actorDepartment?: string;
  readonly [field: string]: unknown;
}

/** A scenario that cannot run as written; `step` is its index in `steps` (-1: the start). */
export class ScenarioError extends TongbanError {
  readonly code: 'BAD_SCENARIO' | 'STEP_REFUSED';
  constructor(
    code: ScenarioError['code'],
    message: string,
    readonly step: number,
    readonly refusal?: TongbanError,
  ) {
    super(message, {
      ...(refusal?.elementId ? { elementId: refusal.elementId } : {}),
      ...(refusal?.caseId ? { caseId: refusal.caseId } : {}),
    });
    this.code = code;
  }
}

export interface SimulationResult {
  readonly events: readonly CaseEvent[];
  readonly snapshot: CaseSnapshot;
  readonly openTasks: readonly TaskRecord[];
}

const ZONE = 'Asia/Shanghai';

/** Parses a scenario time: ISO 8601, Beijing time when it has no offset. */
export function scenarioInstant(text: string, where: number): Instant {
  const parsed = DateTime.fromISO(text, { zone: ZONE, setZone: true });
  if (!parsed.isValid) {
    throw new ScenarioError(
      'BAD_SCENARIO',
      `"${text}" is not an ISO 8601 time (e.g. 2026-02-09T09:00).`,
      where,
    );
  }
  return parsed.toMillis();
}

/** Formats an instant as Beijing time with offset, as timelines print it. */
export function formatInstant(at: Instant): string {
  return DateTime.fromMillis(at, { zone: ZONE }).toISO({ suppressMilliseconds: true }) ?? String(at);
}

const ACTIONS = [
  'complete',
  'message',
  'completeService',
  'failService',
  'withdraw',
  'advanceTo',
  'op',
] as const;

/** Checks a parsed scenario's shape before running anything: every problem names its step. */
export function checkScenario(value: unknown): Scenario {
  const fail = (message: string, step: number): never => {
    throw new ScenarioError('BAD_SCENARIO', message, step);
  };
  if (typeof value !== 'object' || value === null)
    fail('A scenario is a JSON object with `start` and `steps`.', -1);
  const s = value as Record<string, unknown>;
  const start = s.start as Record<string, unknown> | undefined;
  if (typeof start !== 'object' || start === null || typeof start.at !== 'string') {
    fail('`start.at` (the acceptance time) is required.', -1);
  }
  scenarioInstant(String(start?.at), -1);
  const startProblem = startFieldsProblem(start as Record<string, unknown>);
  if (startProblem !== null) fail(`${startProblem}.`, -1);
  if (s.steps !== undefined && !Array.isArray(s.steps)) fail('`steps` must be a list.', -1);
  const steps = (s.steps ?? []) as unknown[];
  steps.forEach((raw, i) => {
    if (typeof raw !== 'object' || raw === null) fail(`Step ${i + 1} must be an object.`, i);
    const stepObj = raw as Record<string, unknown>;
    // With `op`, the other keys are the command's fields (a 督办 has a `message`, for instance).
    const actions = stepObj.op !== undefined ? ['op'] : ACTIONS.filter((a) => stepObj[a] !== undefined);
    if (actions.length !== 1) {
      fail(
        `Step ${i + 1} must have exactly one of ${ACTIONS.join(', ')} (it has ${actions.length === 0 ? 'none' : actions.join(', ')}).`,
        i,
      );
    }
    if (typeof stepObj.at === 'string') scenarioInstant(stepObj.at, i);
    else if (stepObj.at !== undefined) fail(`Step ${i + 1}: \`at\` must be a time string.`, i);
    if (typeof stepObj.advanceTo === 'string') scenarioInstant(stepObj.advanceTo, i);
    else if (stepObj.advanceTo !== undefined) fail(`Step ${i + 1}: \`advanceTo\` must be a time string.`, i);
    if (stepObj.variables !== undefined) {
      const problem = variablesProblem(stepObj.variables);
      if (problem !== null) fail(`Step ${i + 1}: ${problem}.`, i);
    }
    if (stepObj.failService !== undefined && typeof stepObj.errorCode !== 'string') {
      fail(`Step ${i + 1}: failService needs an \`errorCode\`.`, i);
    }
  });
  if (s.until !== undefined) {
    if (typeof s.until !== 'string') fail('`until` must be a time string.', -1);
    scenarioInstant(String(s.until), -1);
  }
  return value as Scenario;
}

/** What is wrong with the fields of `start` besides `at`, naming the field, or null. */
function startFieldsProblem(start: Record<string, unknown>): string | null {
  const { caseId, variables, coDepartments, actor, intake } = start;
  if (caseId !== undefined && (typeof caseId !== 'string' || caseId === '')) {
    return '`start.caseId` must be a non-empty text (or left out: `simulated-1`)';
  }
  if (variables !== undefined) {
    const problem = variablesProblem(variables, 'start.variables');
    if (problem !== null) return problem;
  }
  if (
    coDepartments !== undefined &&
    !(Array.isArray(coDepartments) && coDepartments.every((d) => typeof d === 'string' && d !== ''))
  ) {
    return '`start.coDepartments` must be a list of department names';
  }
  if (actor !== undefined && (typeof actor !== 'string' || actor === '')) {
    return '`start.actor` must be the accepting person, as text (e.g. "窗口-张敏")';
  }
  if (intake !== undefined && intake !== 'accepted' && intake !== 'pending') {
    return '`start.intake` must be "accepted" or "pending"';
  }
  return null;
}

/**
 * Runs one part of a scenario on the runtime: an engine refusal (a typed error, e.g. a deadline
 * past the calendar data) becomes a {@link ScenarioError} naming where it happened, with the
 * refusal attached, so that no caller sees anything but a ScenarioError.
 */
async function refusedAs<T>(where: number, what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof TongbanError) || error instanceof ScenarioError) throw error;
    throw new ScenarioError('STEP_REFUSED', `${what} was refused: ${error.message}`, where, error);
  }
}

/**
 * Runs a scenario on an in-memory runtime with a simulated clock and returns the case's timeline.
 * A step that the engine refuses stops the run with a {@link ScenarioError} naming the step.
 */
export async function simulate(
  definition: CompiledDefinition,
  scenario: Scenario,
): Promise<SimulationResult> {
  const checked = checkScenario(scenario);
  let now = scenarioInstant(checked.start.at, -1);
  const runtime = new MemoryRuntime({ clock: () => now });
  await runtime.deploy(definition);
  const caseId = checked.start.caseId ?? 'simulated-1';
  const actor = (id: string | undefined): { actor?: Actor } => (id ? { actor: { id } } : {});
  await refusedAs(-1, `The start (${checked.start.at})`, () =>
    runtime.start(definition.hash, {
      caseId,
      ...(checked.start.variables ? { variables: checked.start.variables } : {}),
      ...(checked.start.coDepartments ? { coDepartments: checked.start.coDepartments } : {}),
      ...(checked.start.intake ? { intake: checked.start.intake } : {}),
      ...actor(checked.start.actor),
    }),
  );

  const steps = checked.steps ?? [];
  for (const [i, s] of steps.entries()) {
    const at = s.at ?? s.advanceTo;
    if (at !== undefined) {
      const target = scenarioInstant(at, i);
      if (target < now) {
        throw new ScenarioError(
          'BAD_SCENARIO',
          `Step ${i + 1} is at ${at}, before the previous step: time only moves forward.`,
          i,
        );
      }
      await refusedAs(i, `Before step ${i + 1}, a timer due by ${at}`, () => runtime.runDueTimers(target));
      now = target;
    }
    if (s.advanceTo !== undefined) continue;
    if (!isLiveStatus(runtime.snapshot(caseId).status)) {
      throw new ScenarioError(
        'STEP_REFUSED',
        `Step ${i + 1}: the case has already ended (${runtime.snapshot(caseId).status}).`,
        i,
      );
    }
    const command = scenarioCommand(await runtime.openTasks(caseId), s, i);
    await refusedAs(i, `Step ${i + 1}`, () => runtime.execute(caseId, command));
  }
  if (checked.until !== undefined) {
    const until = scenarioInstant(checked.until, -1);
    await refusedAs(-1, `A timer due by \`until\` (${checked.until})`, () => runtime.runDueTimers(until));
    now = Math.max(now, until);
  }
  return {
    events: runtime.events(caseId),
    snapshot: runtime.snapshot(caseId),
    openTasks: await runtime.openTasks(caseId),
  };
}

/**
 * The command a scenario step stands for, given the case's open tasks: tasks are named by element
 * id (and department), as people name them. Used by `simulate` and by durable runners of scenarios
 * (the demo on PGlite). Throws a {@link ScenarioError} naming the step when it names no open task.
 */
export function scenarioCommand(
  open: readonly TaskRecord[],
  s: ScenarioStep,
  i: number,
): Exclude<Command, { type: 'start' }> {
  const actor = s.actor
    ? {
        actor: {
          id: s.actor,
          ...(s.actorKind ? { kind: s.actorKind } : {}),
          ...(s.actorDepartment ? { department: s.actorDepartment } : {}),
        },
      }
    : {};
  const variables = s.variables ? { variables: s.variables } : {};
  const find = (elementId: string, kind: 'user' | 'service'): TaskRecord => {
    const matches = open.filter(
      (t) =>
        t.elementId === elementId &&
        t.kind === kind &&
        (s.department === undefined || t.department === s.department),
    );
    const task = matches[0];
    if (!task || (matches.length > 1 && s.department === undefined)) {
      const list =
        open.map((t) => `${t.elementId}${t.department ? `@${t.department}` : ''}`).join(', ') || 'none';
      throw new ScenarioError(
        'STEP_REFUSED',
        matches.length > 1
          ? `Step ${i + 1}: "${elementId}" is open for several departments; say which with "department".`
          : `Step ${i + 1}: no open ${kind} task "${elementId}"${s.department ? ` for ${s.department}` : ''}. Open: ${list}.`,
        i,
      );
    }
    return task;
  };
  if (s.op !== undefined) {
    const { at: _at, op, task, actorKind: _kind, actorDepartment: _of, actor: _actor, ...fields } = s;
    if (op === 'recall' && task !== undefined) {
      // 撤回 names a completed task: by its element (and department), not an open task.
      return { type: 'recall', ...fields, elementId: task, ...actor } as unknown as Exclude<
        Command,
        { type: 'start' }
      >;
    }
    const found = task === undefined ? undefined : find(task, 'user');
    const taskId =
      found === undefined ? {} : { taskId: found.id, department: s.department ?? found.department ?? '' };
    // The engine checks the command's shape and refuses a malformed one with BAD_COMMAND.
    return { type: op, ...fields, ...taskId, ...actor } as unknown as Exclude<Command, { type: 'start' }>;
  }
  if (s.complete !== undefined) {
    const task = find(s.complete, 'user');
    return {
      type: 'completeTask',
      taskId: task.id,
      department: s.department ?? task.department ?? '',
      ...(s.outcome !== undefined ? { outcome: s.outcome } : {}),
      ...(s.opinion !== undefined ? { opinion: s.opinion } : {}),
      ...variables,
      ...actor,
    };
  }
  if (s.message !== undefined) return { type: 'message', name: s.message, ...variables, ...actor };
  if (s.completeService !== undefined) {
    return { type: 'completeService', taskId: find(s.completeService, 'service').id, ...variables };
  }
  if (s.failService !== undefined) {
    return {
      type: 'failService',
      taskId: find(s.failService, 'service').id,
      errorCode: s.errorCode ?? 'ERROR',
    };
  }
  return { type: 'withdraw', ...(s.reason ? { reason: s.reason } : {}), ...actor };
}

/** An event as one flat JSON object for a timeline line: `type` and `at` (ISO) first. */
export function timelineEntry(event: CaseEvent): Record<string, JsonValue> {
  const { type, at, data, ...rest } = event;
  const entry: Record<string, JsonValue> = { type, at: formatInstant(at) };
  for (const [k, v] of Object.entries(rest)) if (v !== undefined && v !== null) entry[k] = v as JsonValue;
  for (const [k, v] of Object.entries(data ?? {})) {
    entry[k] = (k === 'dueAt' || k.endsWith('At')) && typeof v === 'number' ? formatInstant(v) : v;
  }
  return entry;
}
