import type { StateValue } from 'xstate';
import { clockStatus, heldTimerDueAt } from '../clock/index.js';
import { dueOnceBack } from '../clock/timer-hold.js';
import type { CompiledDefinition } from '../compile/compile.js';
import type { StagePlace } from '../compile/stage-index.js';
import { blockKey } from '../compile/state-ids.js';
import type { TaskRecord, TimerRecord } from '../model/case.js';
import type { CaseContext } from '../model/context.js';
import { eventTypesWhere } from '../model/event-traits.js';
import type { CaseEvent } from '../model/events.js';
import type { FlowNode } from '../model/process.js';
import type { RecallRecord } from '../model/recall.js';
import type { StoredContext } from '../model/snapshot.js';
import type { Instant } from '../model/time.js';
import { CommandError } from './command-error.js';
import { type Prepared, refuse } from './commands/spec.js';
import type { RecallCommand } from './operation-commands.js';
import { pureResolveState } from './pure-transition.js';
import { compactTask, departmentOf, fullTask, viewOf, withDownstream } from './recall-record.js';
import { taskRecord } from './stored-context.js';
import type { Command } from './types.js';

/**
 * How many of an element's enclosing parallel stages are still open: the region a recall moves
 * back in. While its own stage waits for other branches, only its branch is touched; once stages
 * have joined, the region around them is, and the joined branches go back to done.
 */
function recallLevel(definition: CompiledDefinition, elementId: string, value: StateValue): number {
  const stages = definition.stages.get(elementId);
  if (stages === undefined) return 0;
  for (let i = stages.length; i > 0; i--) if (isActive(value, blockKey(stages[i - 1]!))) return i;
  return 0;
}

/**
 * Whether the compound state `key` is active in the state value. A few lookups per command in a
 * small tree: searching beats collecting every key first, and a plain recursive function allocates
 * nothing (no closures, no key set, no JSON text of the value).
 */
function isActive(value: StateValue, key: string): boolean {
  if (typeof value === 'string') return false;
  for (const k in value) {
    if (k === key) return true;
    const inner = value[k];
    if (inner !== undefined && isActive(inner, key)) return true;
  }
  return false;
}

/** Whether `task` lies in the region a recall of `record` at `level` would leave (`own`: where the record's task sat). */
function inRegion(
  index: ReadonlyMap<string, StagePlace>,
  own: StagePlace,
  record: RecallRecord,
  task: TaskRecord,
  level: number,
): boolean {
  // Sibling instances of a multi-instance task are not downstream of one instance.
  if (record.instanceOutcome !== undefined && task.elementId === record.task.elementId) return false;
  const place = index.get(task.elementId);
  if (!place || place.scope !== own.scope) return false;
  for (let i = 0; i < level; i++) if (place.path[i] !== own.path[i]) return false;
  return true;
}

/** Open tasks in the region a recall at `level` would leave: what the completion led to. */
function downstream(
  definition: CompiledDefinition,
  context: CaseContext,
  record: RecallRecord,
  level: number,
): string[] {
  const index = definition.places;
  const own = index.get(record.task.elementId);
  if (!own) return [];
  const out: string[] = [];
  for (const id in context.tasks) {
    const task = context.tasks[id]!;
    if (inRegion(index, own, record, task, level)) out.push(task.id);
  }
  return out.sort();
}

/**
 * Whether every open task downstream at `level` is among `opened`: `downstream` without building
 * and sorting the list, for the check before every command, which almost always finds no change.
 */
function downstreamWithin(
  definition: CompiledDefinition,
  context: CaseContext,
  record: RecallRecord,
  level: number,
  opened: readonly string[],
): boolean {
  const index = definition.places;
  const own = index.get(record.task.elementId);
  if (!own) return true;
  for (const id in context.tasks) {
    const task = context.tasks[id]!;
    if (inRegion(index, own, record, task, level) && !opened.includes(task.id)) return false;
  }
  return true;
}

/** What a next handler has done to a task, or null while it is untouched. */
function touchedBy(context: CaseContext, task: TaskRecord): string | null {
  if (task.claimedBy !== undefined) return `claimed by ${task.claimedBy}`;
  if ((task.signs?.length ?? 0) > 0) return 'signed';
  if (task.handlers !== undefined) return 'given its handlers';
  if (task.delegatedTo) return `delegated to ${task.delegatedTo}`;
  if ((task.transferredFrom?.length ?? 0) > 0) return 'transferred';
  if (context.special[task.id]) return 'in 特别程序';
  if (context.supplement?.taskId === task.id) return 'waiting for 补正 it asked for';
  return null;
}

/** Whether a task downstream of the record has been acted on or has closed. */
function tooLate(record: RecallRecord, acted: ReadonlySet<string> | null, context: CaseContext): boolean {
  const opened = record.opened;
  if (opened === undefined) return false;
  for (const t of opened) if (acted?.has(t) || !context.tasks[t]) return true;
  return false;
}

function setRecords(context: CaseContext, records: Record<string, RecallRecord>): void {
  if (Object.keys(records).length === 0) delete context.recall;
  else context.recall = records;
}

/**
 * Brings the recallable completions in line with the case before a command: a completion whose
 * downstream task has closed is no longer recallable; one whose stages have joined since takes the
 * tasks opened after the join as its downstream; one whose region moved on otherwise (a timer, a
 * loop) is dropped. Run before every command, not only after steps that opened or closed tasks:
 * stored snapshots (older ones included) may hold records a step left for this check, and moving it
 * would change what is stored. When nothing changed, almost always, it allocates nothing.
 */
export function refreshRecalls(
  definition: CompiledDefinition,
  context: CaseContext,
  value: StateValue,
): void {
  const records = context.recall;
  if (!records) return;
  // Almost always nothing has changed: the new record set is only built once something has.
  let next: Record<string, RecallRecord> | null = null;
  for (const id in records) {
    const record = records[id]!;
    const keep = refreshed(definition, context, value, record);
    if (keep !== record && next === null) {
      next = {};
      for (const earlier in records) {
        if (earlier === id) break;
        next[earlier] = records[earlier]!;
      }
    }
    if (next !== null && keep !== null) next[id] = keep;
  }
  if (next !== null) setRecords(context, next);
}

/** One record brought in line with the case (see `refreshRecalls`): itself, a new one, or null. */
function refreshed(
  definition: CompiledDefinition,
  context: CaseContext,
  value: StateValue,
  record: RecallRecord,
): RecallRecord | null {
  const opened = record.opened ?? [];
  for (const t of opened) if (!context.tasks[t]) return null;
  if (record.instanceOutcome !== undefined) return context.mi[record.task.elementId] ? record : null;
  const was = record.level ?? 0;
  const level = recallLevel(definition, record.task.elementId, value);
  if (level > was) return null;
  if (level < was) return withDownstream(record, level, downstream(definition, context, record, level));
  return downstreamWithin(definition, context, record, level, opened) ? record : null;
}

function findRecord(
  definition: CompiledDefinition,
  context: Pick<CaseContext, 'recall'>,
  command: RecallCommand,
): readonly [string, RecallRecord] | undefined {
  const records = context.recall ?? {};
  if (command.taskId !== undefined) {
    const record = records[command.taskId];
    return record ? [command.taskId, record] : undefined;
  }
  let best: [string, RecallRecord] | undefined;
  for (const [id, record] of Object.entries(records)) {
    const department = departmentOf(record.task, definition.nodes.get(record.task.elementId));
    if (record.task.elementId !== command.elementId || department !== command.department) continue;
    if (!best || record.at >= best[1].at) best = [id, record];
  }
  return best;
}

/** The completion a recall names, with the department that completed it, or why it cannot be recalled. */
function recallable(
  definition: CompiledDefinition,
  context: CaseContext,
  command: RecallCommand,
): { oldId: string; record: RecallRecord; department: string | null } | CommandError {
  const caseId = context.caseId;
  const found = findRecord(definition, context, command);
  const what = command.taskId ?? command.elementId ?? '';
  if (!found) {
    if (command.taskId !== undefined && context.tasks[command.taskId]) {
      return new CommandError(
        'WRONG_CASE_STATE',
        `Task ${command.taskId} is still open: there is nothing to recall.`,
        {
          caseId,
        },
      );
    }
    return new CommandError(
      'RECALL_TOO_LATE',
      `${what} has no completion that can still be recalled in case ${caseId}: the next handler has acted, the case has moved on, or it was completed by the system.`,
      { caseId },
    );
  }
  const [oldId, record] = found;
  const where = { caseId, elementId: record.task.elementId };
  const node = definition.nodes.get(record.task.elementId);
  const department = departmentOf(record.task, node);
  const view = viewOf(record);
  if (department !== command.department) {
    return new CommandError(
      'WRONG_DEPARTMENT',
      `Task ${oldId} was completed by ${department ?? 'no department'}, not ${command.department}: only they can recall it.`,
      where,
    );
  }
  if (view.by !== null && command.actor?.id !== view.by) {
    return new CommandError(
      'WRONG_ASSIGNEE',
      `Task ${oldId} was completed by ${view.by}: only they can recall it.`,
      where,
    );
  }
  return { oldId, record, department };
}

/**
 * 撤回: validates the recall and records it; a multi-instance instance is reopened here, any other
 * task by the statechart's `recall` transition on the region at `level` (see `settleRecalls`).
 */
export function prepareRecall(
  definition: CompiledDefinition,
  context: CaseContext,
  command: RecallCommand,
  touched: Set<string>,
  value: StateValue,
): Prepared {
  const caseId = context.caseId;
  const found = recallable(definition, context, command);
  if (found instanceof CommandError) return refuse(found);
  const { oldId, record, department } = found;
  const where = { caseId, elementId: record.task.elementId };
  const multi = record.instanceOutcome !== undefined;
  // 加签 may give the department a new instance of the same task after it completed its first one:
  // reopening the first would leave it two.
  const again = multi
    ? Object.values(context.tasks).find(
        (t) => t.elementId === record.task.elementId && t.department === department,
      )
    : undefined;
  if (again !== undefined) {
    return refuse(
      new CommandError(
        'RECALL_TOO_LATE',
        `Task ${oldId} can no longer be recalled: ${department} co-handles "${record.task.elementId}" again, as task ${again.id}.`,
        where,
      ),
    );
  }
  const level = multi ? 0 : recallLevel(definition, record.task.elementId, value);
  const cancels = multi ? [] : downstream(definition, context, record, level);
  for (const id of cancels) {
    const task = context.tasks[id];
    const touch = task ? touchedBy(context, task) : 'closed';
    if (touch !== null) {
      return refuse(
        new CommandError(
          'RECALL_TOO_LATE',
          `Task ${oldId} can no longer be recalled: the next task ${id} has been ${touch}.`,
          where,
        ),
      );
    }
  }
  const event = { type: 'recall', element: record.task.elementId, level } as const;
  if (
    multi
      ? !context.mi[record.task.elementId]
      : !pureResolveState(definition.machine, value, context).can(event)
  ) {
    return refuse(
      new CommandError(
        'RECALL_TOO_LATE',
        `Task ${oldId} can no longer be recalled: the case has moved on.`,
        where,
      ),
    );
  }
  const { [oldId]: _gone, ...rest } = context.recall ?? {};
  setRecords(context, rest);
  if (context.trail.at(-1) === record.task.elementId) context.trail = context.trail.slice(0, -1);
  context.out.push({
    type: 'task.recalled',
    at: context.now,
    caseId,
    elementId: record.task.elementId,
    taskId: oldId,
    department,
    role: roleOf(definition, record.task.elementId),
    data: {
      reason: command.reason,
      completedAt: record.at,
      cancels,
      ...(command.actor ? { actor: command.actor.id } : {}),
    },
  });
  if (!multi) return { ok: true, events: [event] };
  // One instance of a co-handling task that has not decided: only that instance reopens.
  const progress = context.mi[record.task.elementId]!;
  progress.completed -= 1;
  if (record.instanceOutcome === 'approve') progress.approved -= 1;
  if (record.instanceOutcome === 'reject') progress.rejected -= 1;
  context.seq += 1;
  reopen(definition, context, record, `${record.task.elementId}#${context.seq}`, oldId, touched);
  return { ok: true, events: [] };
}

/** Puts the recalled task back under `id`, as it stood, with its clock; records `task.opened`. */
function reopen(
  definition: CompiledDefinition,
  context: CaseContext,
  record: RecallRecord,
  id: string,
  oldId: string,
  touched: Set<string>,
): void {
  let task = fullTask(record.task, id, definition.nodes.get(record.task.elementId));
  if (record.clock) {
    context.clocks[id] = record.clock;
    touched.add(id);
    const due = clockStatus(record.clock, definition.calendars, context.now, {
      provisional: definition.provisional,
    }).dueAt;
    task = { ...task, dueAt: due };
  }
  context.tasks[id] = task;
  if (record.timers !== undefined) restoreTimers(definition, context, record.task.elementId, record.timers);
  const data = { recalledFrom: oldId, ...(task.dueAt !== null ? { dueAt: task.dueAt } : {}) };
  const opened = context.out.findIndex((e) => e.type === 'task.opened' && e.taskId === id);
  const event = context.out[opened];
  if (event)
    context.out[opened] = { ...event, department: task.department, data: { ...event.data, ...data } };
  else {
    context.out.push({
      type: 'task.opened',
      at: context.now,
      caseId: context.caseId,
      elementId: task.elementId,
      taskId: id,
      department: task.department,
      role: task.role,
      data,
    });
  }
}

/** The ids of the timer boundary events attached to an element (none for anything but an activity). */
function timerBoundaries(nodes: ReadonlyMap<string, FlowNode>, elementId: string): readonly string[] {
  const node = nodes.get(elementId);
  if (node === undefined || !('boundaries' in node)) return [];
  return node.boundaries.filter((id) => {
    const boundary = nodes.get(id);
    return boundary?.kind === 'boundaryEvent' && boundary.trigger.type === 'timer';
  });
}

/** The boundary a BPMN timer belongs to, when it is one of `boundaries`. */
function boundaryOf(timer: TimerRecord, boundaries: readonly string[]): string | null {
  return timer.purpose === 'bpmn' && timer.elementId !== null && boundaries.includes(timer.elementId)
    ? timer.elementId
    : null;
}

/**
 * When each of `boundaries` that is armed falls due, by boundary id. One held at the completion
 * (its task in 特别程序 or 补正) counts as released then: nothing holds the reopened task.
 */
function pendingTimers(
  definition: CompiledDefinition,
  before: Pick<StoredContext, 'timers' | 'heldTimers'>,
  boundaries: readonly string[],
  now: Instant,
): Record<string, Instant> {
  const pending: Record<string, Instant> = {};
  for (const timer of Object.values(before.timers)) {
    const boundary = boundaryOf(timer, boundaries);
    if (boundary !== null) pending[boundary] = timer.dueAt;
  }
  for (const [boundary, held] of Object.entries(before.heldTimers ?? {})) {
    const last = held.holds.at(-1);
    const spec = definition.timing.timers.get(boundary);
    if (!boundaries.includes(boundary) || last === undefined || last.to !== null || !spec) continue;
    const released = { ...held, holds: [...held.holds.slice(0, -1), { ...last, to: now }] };
    pending[boundary] = heldTimerDueAt(spec, released, definition.calendars, {
      provisional: definition.provisional,
    });
  }
  return pending;
}

/**
 * The reopened task's boundary timers as they stood at completion. Re-entering the task armed them
 * afresh, from now: a department could otherwise push its own escalation back by completing and
 * recalling. One that had fired before the completion is not armed again.
 */
function restoreTimers(
  definition: CompiledDefinition,
  context: CaseContext,
  elementId: string,
  saved: Readonly<Record<string, Instant>>,
): void {
  const boundaries = timerBoundaries(definition.nodes, elementId);
  for (const timer of Object.values(context.timers)) {
    const boundary = boundaryOf(timer, boundaries);
    if (boundary === null) continue;
    const dueAt = saved[boundary];
    const spec = definition.timing.timers.get(boundary);
    if (dueAt === undefined || spec === undefined) delete context.timers[timer.id];
    else {
      // One that fell due while its task stood completed fires now (never on a rest day).
      const options = { provisional: definition.provisional };
      const back = dueOnceBack(spec, dueAt, context.now, definition.calendars, options);
      context.timers[timer.id] = { ...timer, dueAt: back };
    }
  }
}

function roleOf(definition: CompiledDefinition, elementId: string): TaskRecord['role'] {
  const node = definition.nodes.get(elementId);
  return node?.kind === 'userTask' ? node.role : null;
}

/** Events after which no earlier completion can be recalled: the flow was reset or moved on its own. */
const RESETS: ReadonlySet<string> = new Set(eventTypesWhere((t) => t.resetsRecall));

/** A next handler's acts on a downstream task: after any of them the completion stands. */
const ACTS: ReadonlySet<string> = new Set(eventTypesWhere((t) => t.actsOnTask));

/**
 * After the statechart has moved: finishes a recall (the reopened task gets its department,
 * assignee, signatures and clock back), drops completions whose downstream acted or whose flow was
 * reset, and records this command's completions by people as recallable.
 */
export function settleRecalls(
  definition: CompiledDefinition,
  /** The case as persisted before the command: what was open, and its clocks and recall records. */
  before: Pick<StoredContext, 'tasks' | 'clocks' | 'recall' | 'timers' | 'heldTimers'>,
  context: CaseContext,
  command: Exclude<Command, { type: 'start' }>,
  value: StateValue,
  touched: Set<string>,
): void {
  if (context.ending !== null) {
    delete context.recall;
    return;
  }
  // One pass over what happened: a reset ends every window; acts and completions are noted.
  let acted: Set<string> | null = null;
  const completed: CaseEvent[] = [];
  for (const e of context.out) {
    if (RESETS.has(e.type) || (e.type === 'supplement.supplied' && e.data?.mode === 'all')) {
      delete context.recall;
      return;
    }
    if (e.taskId === undefined) continue;
    if (ACTS.has(e.type)) {
      acted ??= new Set();
      acted.add(e.taskId);
    }
    if (e.type === 'task.completed' && e.data?.actor !== 'system') completed.push(e);
  }
  if (completed.length === 0 && command.type !== 'recall' && (!context.recall || acted === null)) {
    // Nothing was completed or acted on, and no recall: the records stand as the step found them
    // (a recalled task's own downstream is checked again before the next command).
    return;
  }
  // Built afresh (no copy to delete from): kept records first, in their order, then new ones.
  const records: Record<string, RecallRecord> = {};
  const recalled = command.type === 'recall';
  if (recalled) {
    const found = findRecord(definition, before, command);
    if (found && found[1].instanceOutcome === undefined) {
      const [oldId, record] = found;
      const id = Object.keys(context.tasks).find(
        (t) => !before.tasks[t] && context.tasks[t]?.elementId === record.task.elementId,
      );
      if (id) reopen(definition, context, record, id, oldId, touched);
    }
  }
  const prior = context.recall;
  if (prior) {
    for (const id in prior) {
      let record = prior[id]!;
      if (recalled && record.instanceOutcome === undefined) {
        // Completions that shared the cancelled downstream (the other branches of a stage that had
        // joined) are back in their own branch: recompute where each stands.
        const level = recallLevel(definition, record.task.elementId, value);
        record = withDownstream(record, level, downstream(definition, context, record, level));
      }
      // Acted on, or closed by anything but this recall (减签, a boundary event): too late.
      if (!tooLate(record, acted, context)) records[id] = record;
    }
  }
  for (const e of completed) {
    if (e.taskId === undefined) continue;
    const stored = before.tasks[e.taskId];
    const task = stored === undefined ? undefined : taskRecord(stored);
    if (task?.kind !== 'user') continue;
    const node = definition.nodes.get(task.elementId);
    const instance = node?.kind === 'userTask' && node.multiInstance !== null;
    // An instance whose completion decided its co-handling task cannot be recalled alone.
    if (instance && !context.mi[task.elementId]) continue;
    const actor = e.data?.actor;
    const clock = before.clocks[task.id];
    const base: { -readonly [K in keyof RecallRecord]: RecallRecord[K] } = {
      task: compactTask(task, node),
      at: context.now,
    };
    if (typeof actor === 'string') base.by = actor;
    if (clock) base.clock = clock;
    if (instance) {
      const outcome = e.data?.outcome;
      base.instanceOutcome = typeof outcome === 'string' ? outcome : null;
      records[task.id] = base;
    } else {
      const boundaries = timerBoundaries(definition.nodes, task.elementId);
      if (boundaries.length > 0) base.timers = pendingTimers(definition, before, boundaries, context.now);
      const level = recallLevel(definition, task.elementId, value);
      records[task.id] = withDownstream(base, level, downstream(definition, context, base, level));
    }
  }
  setRecords(context, records);
}
