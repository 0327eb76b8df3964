import { describe, expect, it } from 'vitest';
import type { CompiledDefinition } from '../src/compile/index.js';
import type { CaseSnapshot } from '../src/model/snapshot.js';
import { step } from '../src/runtime/step.js';
import {
  loadContext,
  SnapshotSchemaError,
  snapshotTasks,
  storeContext,
} from '../src/runtime/stored-context.js';
import type { Command } from '../src/runtime/types.js';
import { compiled, end, gateway, model, scope, start, task } from './support/ir.js';

const T0 = Date.parse('2026-03-02T09:00:00+08:00');
const HOUR = 3_600_000;

/** accept → fork(lead with a 5-working-day limit ‖ co) → join → decide → end. */
function definition(): CompiledDefinition {
  return compiled(
    model(
      scope(
        'p',
        [
          start('s'),
          task('accept', '政务服务中心', { role: 'lead' }),
          gateway('fork', 'parallel'),
          task('lead', '住建局', { role: 'lead', limit: { amount: 5, unit: 'workingDays' } }),
          task('co', '消防救援支队'),
          gateway('join', 'parallel'),
          task('decide', '住建局', { role: 'lead' }),
          end('e'),
        ],
        [
          ['s', 'accept'],
          ['accept', 'fork'],
          ['fork', 'lead'],
          ['fork', 'co'],
          ['lead', 'join'],
          ['co', 'join'],
          ['join', 'decide'],
          ['decide', 'e'],
        ],
      ),
    ),
  );
}

function applied(def: CompiledDefinition, snapshot: CaseSnapshot | null, command: Command, at: number) {
  const r = step(def, snapshot, command, at);
  if (!r.ok) throw r.error;
  return r;
}

/** The same case as the engine wrote it before layout 2: every context field, defaults included. */
function asLayout1(snapshot: CaseSnapshot, now: number): CaseSnapshot {
  const full = { ...loadContext(snapshot.machine.context, snapshot.caseId, now), out: [], noFlow: null };
  return JSON.parse(
    JSON.stringify({ ...snapshot, schema: 1, machine: { ...snapshot.machine, context: full } }),
  );
}

/** A case in its parallel stage: four tasks open, a task clock, the case clock and its light timer. */
function inStage(def: CompiledDefinition) {
  const started = applied(def, null, { type: 'start', caseId: 'k' }, T0);
  const accept = started.openTasks[0]!;
  const staged = applied(
    def,
    started.snapshot,
    { type: 'completeTask', taskId: accept.id, department: accept.department ?? '' },
    T0 + HOUR,
  );
  return staged;
}

describe('persisted context (snapshot layout 2)', () => {
  it('leaves out defaults and what only lives during a command, and loads back to the same context', () => {
    const def = definition();
    const staged = inStage(def);
    const stored = staged.snapshot.machine.context;
    expect(staged.snapshot.schema).toBe(2);
    for (const key of ['caseId', 'now', 'out', 'noFlow', 'suspended', 'returned', 'ending', 'mi', 'intake'])
      expect(stored, key).not.toHaveProperty(key);
    for (const t of Object.values(stored.tasks)) {
      expect(t).not.toHaveProperty('instance');
      expect(t).not.toHaveProperty('kind');
    }
    expect(snapshotTasks(staged.snapshot)).toEqual(staged.openTasks);

    const loaded = loadContext(JSON.parse(JSON.stringify(stored)), 'k', T0 + HOUR);
    expect(storeContext(loaded)).toEqual(stored);
    expect(Object.values(loaded.tasks)).toEqual(staged.openTasks);
    expect(JSON.stringify(staged.snapshot).length).toBeLessThan(
      JSON.stringify(asLayout1(staged.snapshot, T0 + HOUR)).length,
    );
  });

  it('keeps a null the loader would not restore (委派 handed back) and fields it does not know', () => {
    const def = definition();
    const staged = inStage(def);
    const context = loadContext(staged.snapshot.machine.context, 'k', T0);
    const lead = Object.values(context.tasks).find((t) => t.elementId === 'lead')!;
    context.tasks[lead.id] = { ...lead, delegatedTo: null };
    const extra = context as unknown as Record<string, unknown>;
    extra.later = { kept: true };
    const again = loadContext(JSON.parse(JSON.stringify(storeContext(context))), 'k', T0);
    expect(again.tasks[lead.id]).toEqual({ ...lead, delegatedTo: null });
    expect((again as unknown as Record<string, unknown>).later).toEqual({ kept: true });
  });

  it('continues a layout-1 snapshot exactly as its layout-2 twin', () => {
    const def = definition();
    let compact = inStage(def).snapshot;
    let old = asLayout1(compact, T0 + HOUR);
    expect(old.machine.context).toHaveProperty('suspended', null);
    let at = T0 + HOUR;
    for (;;) {
      const task = snapshotTasks(compact)[0];
      if (!task) break;
      at += 26 * HOUR;
      const command: Command = { type: 'completeTask', taskId: task.id, department: task.department ?? '' };
      const a = applied(def, compact, command, at);
      const b = applied(def, old, command, at);
      expect(b.snapshot).toEqual(a.snapshot);
      expect(b.events).toEqual(a.events);
      expect(b.timers).toEqual(a.timers);
      compact = JSON.parse(JSON.stringify(a.snapshot));
      old = asLayout1(compact, at);
    }
    expect(compact.status).toBe('completed');
  });

  it('refuses a snapshot of a layout it does not know, with a typed error', () => {
    const def = definition();
    const staged = inStage(def);
    const task = staged.openTasks[0]!;
    const future = { ...staged.snapshot, schema: 3 } as unknown as CaseSnapshot;
    const r = step(
      def,
      future,
      { type: 'completeTask', taskId: task.id, department: task.department ?? '' },
      T0,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBeInstanceOf(SnapshotSchemaError);
    expect(r.error.code).toBe('UNKNOWN_SNAPSHOT_SCHEMA');
    expect(r.error.caseId).toBe('k');
  });
});
