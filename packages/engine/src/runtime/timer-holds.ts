import { heldTimer, heldTimerDueAt } from '../clock/timer-hold.js';
import type { CompiledDefinition } from '../compile/compile.js';
import type { CaseContext } from '../model/context.js';
import type { FlowNode } from '../model/process.js';
import type { Instant } from '../model/time.js';

const horizon = (definition: CompiledDefinition) => ({ provisional: definition.provisional });

/** The elements an activity's tasks can sit on: the activity, and for a subprocess all inside it. */
function elementsOf(definition: CompiledDefinition, activity: string): Set<string> {
  const out = new Set<string>([activity]);
  const walk = (node: FlowNode | undefined): void => {
    if (node?.kind !== 'subProcess') return;
    for (const inner of Object.values(node.scope.nodes)) {
      out.add(inner.id);
      walk(inner);
    }
  };
  walk(definition.nodes.get(activity));
  return out;
}

/**
 * Whether a BPMN timer must not run now: every timer while the case is 挂起; a boundary timer
 * while a task of its activity has its clock stopped (特别程序, or waiting for 补正 it asked for).
 * Firing it then would cut short, or cancel, a department whose time does not count. One timer
 * serves all instances of a co-handling task, so one stopped instance holds it.
 */
function mustHold(definition: CompiledDefinition, context: CaseContext, elementId: string): boolean {
  if (context.suspended !== null) return true;
  const node = definition.nodes.get(elementId);
  if (node?.kind !== 'boundaryEvent') return false;
  const inside = elementsOf(definition, node.attachedTo);
  return Object.values(context.tasks).some(
    (t) =>
      t.kind === 'user' &&
      inside.has(t.elementId) &&
      (context.special[t.id] !== undefined || context.supplement?.taskId === t.id),
  );
}

/**
 * Snapshots written before held timers parked a suspended case's timers as remaining milliseconds:
 * they become held timers, held since the 挂起. Called on loading, before a command can end it.
 */
export function adoptParkedTimers(definition: CompiledDefinition, context: CaseContext): void {
  if (Object.keys(context.parkedTimers).length === 0) return;
  const since = context.suspended?.at;
  for (const [elementId, remaining] of Object.entries(context.parkedTimers)) {
    const spec = definition.timing.timers.get(elementId);
    if (since === undefined || !spec) continue;
    const held = heldTimer(spec, since + remaining, definition.calendars, horizon(definition));
    context.heldTimers = {
      ...context.heldTimers,
      [elementId]: { ...held, holds: [{ from: since, to: null }] },
    };
  }
  context.parkedTimers = {};
}

/**
 * Holds and releases BPMN timers after every command, as `reconcileClocks` does for clocks: a
 * timer that must not run leaves `timers` (the runtime cancels it) and is kept in `heldTimers`;
 * when nothing holds it any more it is set again under a new id, falling due where its calendar
 * says (see {@link heldTimerDueAt}). A timer counted in working days thus never falls on a rest
 * day, whatever stopped it, and the time it had left is counted as the clocks count.
 */
export function reconcileTimers(
  definition: CompiledDefinition,
  context: CaseContext,
  live: boolean,
  now: Instant,
): void {
  if (!live) {
    delete context.heldTimers;
    return;
  }
  // Most commands: nothing holds a timer and none is held.
  const stopped = context.suspended !== null || context.supplement !== null;
  if (!stopped && context.heldTimers === undefined && Object.keys(context.special).length === 0) return;
  const held = { ...context.heldTimers };
  const armed = new Set<string>();
  for (const timer of Object.values(context.timers)) {
    if (timer.purpose !== 'bpmn' || timer.elementId === null || timer.dueAt < 0) continue;
    armed.add(timer.elementId);
    const spec = definition.timing.timers.get(timer.elementId);
    if (!spec || !mustHold(definition, context, timer.elementId)) continue;
    const record =
      held[timer.elementId] ?? heldTimer(spec, timer.dueAt, definition.calendars, horizon(definition));
    held[timer.elementId] = { ...record, holds: [...record.holds, { from: now, to: null }] };
    delete context.timers[timer.id];
  }
  for (const [elementId, record] of Object.entries(held)) {
    const last = record.holds.at(-1);
    if (last === undefined || last.to !== null) {
      // Not held now: kept only while its timer stays armed, for the next hold to count from.
      if (!armed.has(elementId)) delete held[elementId];
      continue;
    }
    const spec = definition.timing.timers.get(elementId);
    if (!spec) {
      delete held[elementId];
      continue;
    }
    if (mustHold(definition, context, elementId)) continue;
    const released = { ...record, holds: [...record.holds.slice(0, -1), { ...last, to: now }] };
    held[elementId] = released;
    context.seq += 1;
    const id = `${elementId}#${context.seq}`;
    const dueAt = heldTimerDueAt(spec, released, definition.calendars, horizon(definition));
    context.timers[id] = { id, dueAt, purpose: 'bpmn', elementId };
  }
  if (Object.keys(held).length > 0) context.heldTimers = held;
  else delete context.heldTimers;
}
