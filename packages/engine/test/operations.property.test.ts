import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaseSnapshot } from '../src/model/snapshot.js';
import { departmentOf } from '../src/runtime/recall-record.js';
import { step } from '../src/runtime/step.js';
import { snapshotTasks } from '../src/runtime/stored-context.js';
import type { Command } from '../src/runtime/types.js';
import { compiled, end, gateway, model, scope, start, task } from './support/ir.js';

/**
 * accept → fork( lead review ‖ 会签 over coDepartments ‖ fork( survey ‖ heritage ) ) → join → decide,
 * with limits on every task: the nested parallel model the random operations run against.
 */
const five = { amount: 5, unit: 'workingDays' } as const;
const def = compiled(
  model(
    scope(
      'p',
      [
        start('s'),
        task('accept', '中心', { role: 'lead' }),
        gateway('fork', 'parallel'),
        task('lead', '住建局', { role: 'lead', limit: five }),
        task('co', '', {
          limit: five,
          multiInstance: {
            departments: [],
            collection: 'coDepartments',
            completionCondition: 'nrOfRejected > 0',
          },
        }),
        gateway('inner', 'parallel'),
        // 签收 by one of two surveyors; 票签 among three heritage officers.
        task('survey', '测绘队', {
          limit: five,
          timeoutAction: 'agree',
          claim: 'one',
          handlers: [
            { id: 'p1', weight: 1 },
            { id: 'p2', weight: 1 },
          ],
        }),
        task('heritage', '文物局', {
          limit: five,
          decisionMode: 'vote',
          passRatio: 0.5,
          handlers: [
            { id: 'p1', weight: 2 },
            { id: 'p2', weight: 1 },
            { id: 'p3', weight: 1 },
          ],
        }),
        gateway('innerJoin', 'parallel'),
        gateway('join', 'parallel'),
        task('decide', '住建局', { role: 'lead' }),
        end('e'),
      ],
      [
        ['s', 'accept'],
        ['accept', 'fork'],
        ['fork', 'lead'],
        ['fork', 'co'],
        ['fork', 'inner'],
        ['inner', 'survey'],
        ['inner', 'heritage'],
        ['survey', 'innerJoin'],
        ['heritage', 'innerJoin'],
        ['innerJoin', 'join'],
        ['lead', 'join'],
        ['co', 'join'],
        ['join', 'decide'],
        ['decide', 'e'],
      ],
    ),
    {
      code: 'P',
      name: 'p',
      kind: 'promised',
      legalLimit: null,
      promisedLimit: { amount: 20, unit: 'workingDays' },
      warning: { kind: 'absolute', amount: 1, unit: 'workingDays' },
      extensionCap: null,
      calendar: null,
    },
  ),
);
const T0 = Date.parse('2026-03-02T09:00:00+08:00');

const KINDS = [
  'complete',
  'complete',
  'complete',
  'rejectPrevious',
  'rejectApplicant',
  'rejectNamed',
  'resubmit',
  'special',
  'endSpecial',
  'supplement',
  'supply',
  'transfer',
  'suspend',
  'resume',
  'timer',
  'addSigner',
  'removeSigner',
  'recall',
  'recall',
  'sign',
  'sign',
  'claim',
] as const;
const choice = fc.record({
  kind: fc.constantFrom(...KINDS),
  pick: fc.nat(),
  advance: fc.integer({ min: 1, max: 2 * 86_400_000 }),
});
type Choice = { kind: (typeof KINDS)[number]; pick: number; advance: number };

function commandFor(s: CaseSnapshot, c: Choice): Command {
  const tasks = Object.values(s.machine.context.tasks).sort((a, b) => a.id.localeCompare(b.id));
  const t = tasks[c.pick % Math.max(1, tasks.length)];
  const taskId = t?.id ?? 'none';
  const department = t?.department ?? 'none';
  const officer = { id: 'o', kind: 'officer' } as const;
  const lead = { id: 'l', kind: 'staff', department: '住建局' } as const;
  // Lean towards the way out of a waiting state, so runs go deep instead of idling in one.
  if (s.status === 'suspended' && c.pick % 2 === 0) return { type: 'resumeCase', actor: officer };
  if (s.status === 'returned' && c.pick % 2 === 0) return { type: 'resubmit' };
  if (s.machine.context.supplement && c.pick % 3 === 0) return { type: 'supply' };
  switch (c.kind) {
    case 'complete':
      return {
        type: 'completeTask',
        taskId,
        department,
        outcome: c.pick % 5 === 0 ? 'reject' : 'approve',
        actor: { id: 'p1' },
      };
    case 'recall': {
      const records = Object.entries(s.machine.context.recall ?? {}).sort(([a], [b]) => a.localeCompare(b));
      const record = records[c.pick % Math.max(1, records.length)];
      // Without a recallable completion, try an open task (refused: it is not completed).
      return record
        ? {
            type: 'recall',
            taskId: record[0],
            department: departmentOf(record[1].task, def.nodes.get(record[1].task.elementId)) ?? 'none',
            reason: 'r',
            actor: { id: record[1].by ?? 'p1' },
          }
        : { type: 'recall', taskId, department, reason: 'r' };
    }
    case 'sign': {
      // Mostly the 票签 task, when it is open; any task otherwise (refused: no decision mode).
      const target = (c.pick % 4 > 0 ? tasks.find((x) => x.elementId === 'heritage') : undefined) ?? t;
      return {
        type: 'signTask',
        taskId: target?.id ?? 'none',
        department: target?.department ?? 'none',
        outcome: c.pick % 3 === 0 ? 'reject' : 'approve',
        actor: { id: ['p1', 'p2', 'p3'][c.pick % 3]! },
      };
    }
    case 'claim': {
      const target = (c.pick % 4 > 0 ? tasks.find((x) => x.elementId === 'survey') : undefined) ?? t;
      const on = { taskId: target?.id ?? 'none', department: target?.department ?? 'none' };
      return { type: 'claimTask', ...on, actor: { id: c.pick % 2 ? 'p1' : 'p2' } };
    }
    case 'rejectPrevious':
      return { type: 'reject', taskId, department, reason: 'r', to: 'previous' };
    case 'rejectApplicant':
      return { type: 'reject', taskId, department, reason: 'r', to: 'applicant' };
    case 'rejectNamed':
      return {
        type: 'reject',
        taskId,
        department,
        reason: 'r',
        to: { elementId: c.pick % 2 ? 'accept' : 'inner' },
      };
    case 'resubmit':
      return { type: 'resubmit' };
    case 'special':
      return { type: 'startSpecialProcedure', taskId, department, kind: '检测', reason: 'r' };
    case 'endSpecial':
      return { type: 'endSpecialProcedure', taskId, department };
    case 'supplement':
      return { type: 'requestSupplement', taskId, department, reason: 'r' };
    case 'supply':
      return { type: 'supply' };
    case 'transfer':
      return { type: 'transferTask', taskId, department, to: `${department}′`, reason: 'r' };
    case 'suspend':
      return { type: 'suspendCase', actor: officer, reason: 'r' };
    case 'resume':
      return { type: 'resumeCase', actor: officer };
    case 'addSigner':
      return {
        type: 'addSigner',
        elementId: 'co',
        department: `加签${c.pick % 3}`,
        reason: 'r',
        actor: lead,
      };
    case 'removeSigner':
      return { type: 'removeSigner', taskId, reason: 'r', actor: lead };
    case 'timer': {
      const timers = Object.values(s.machine.context.timers).sort((a, b) => a.dueAt - b.dueAt);
      const first = timers[0];
      return first ? { type: 'fireTimer', timerId: first.id } : { type: 'supply' };
    }
  }
}

/** What must hold after every command, whatever came before. */
function checkInvariants(s: CaseSnapshot, at: number): void {
  const ctx = s.machine.context;
  const open = snapshotTasks(s);
  const keys = open.map((t) => `${t.elementId}@${t.department}`);
  expect(new Set(keys).size, `duplicated tasks: ${keys.join(', ')}`).toBe(keys.length);
  const active = JSON.stringify(s.machine.value);
  for (const t of open) expect(active, `task ${t.id} open outside its state`).toContain(t.elementId);
  if (s.status === 'returned' || s.status === 'pending' || !['running', 'suspended'].includes(s.status)) {
    expect(open, `tasks open while ${s.status}`).toEqual([]);
  }
  for (const t of open) {
    if (
      ['lead', 'co', 'survey', 'heritage'].includes(t.elementId) &&
      t.department &&
      !t.department.startsWith('加签')
    ) {
      expect(ctx.clocks[t.id], `task ${t.id} has no clock`).toBeDefined();
    }
  }
  for (const key of Object.keys(ctx.clocks))
    if (key !== 'case') expect(ctx.tasks[key], `clock of closed task ${key}`).toBeDefined();
  const caseClock = ctx.clocks.case;
  if (caseClock && caseClock.stoppedAt === null) {
    const stoppedFor = caseClock.suspensions.at(-1)?.to === null ? caseClock.suspensions.at(-1)?.kind : null;
    const shouldStop =
      // Persisted snapshots leave out what is null.
      ctx.suspended != null ||
      ctx.supplement != null ||
      ctx.returned != null ||
      (open.filter((t) => t.kind === 'user').length > 0 &&
        open.filter((t) => t.kind === 'user').every((t) => ctx.special?.[t.id]));
    expect(
      stoppedFor != null,
      `case clock ${stoppedFor ?? 'running'} but should ${shouldStop ? 'stop' : 'run'}`,
    ).toBe(shouldStop);
  }
  for (const timer of Object.values(ctx.timers)) expect(timer.dueAt).toBeGreaterThan(0);
  // Recallable completions are of closed tasks; once a task downstream has closed, it is too late.
  for (const [id, record] of Object.entries(ctx.recall ?? {})) {
    expect(ctx.tasks[id], `recallable task ${id} is open`).toBeUndefined();
    if ((record.opened ?? []).every((t) => ctx.tasks[t] !== undefined) || s.status !== 'running') continue;
    const by = record.by === undefined ? {} : { actor: { id: record.by } };
    const department = departmentOf(record.task, def.nodes.get(record.task.elementId)) ?? '';
    const r = step(def, s, { type: 'recall', taskId: id, department, reason: 'r', ...by }, at);
    expect(r.ok ? 'applied' : r.error.code, `recall of ${id} after its downstream closed`).toBe(
      'RECALL_TOO_LATE',
    );
  }
}

describe('random operations on a nested parallel case', () => {
  it('never leave a dangling or duplicated task, a clock out of step, or a refused command with changes', () => {
    // How often recall, signing and claiming were applied: the property must exercise them.
    const applied = new Map<string, number>();
    fc.assert(
      fc.property(fc.array(choice as fc.Arbitrary<Choice>, { minLength: 1, maxLength: 50 }), (choices) => {
        const started = step(
          def,
          null,
          { type: 'start', caseId: 'r', coDepartments: ['规划局', '人防办', '消防'] },
          T0,
        );
        if (!started.ok) throw started.error;
        let s = started.snapshot;
        const first = Object.values(s.machine.context.tasks)[0]!;
        const accepted = step(
          def,
          s,
          { type: 'completeTask', taskId: first.id, department: '中心' },
          T0 + 1000,
        );
        if (!accepted.ok) throw accepted.error;
        s = accepted.snapshot;
        let at = T0 + 1000;
        for (const c of choices) {
          if (!['running', 'suspended', 'returned'].includes(s.status)) break;
          at += c.advance;
          const before = JSON.stringify(s);
          const command = commandFor(s, c);
          const r = step(def, s, command, at);
          if (r.ok) applied.set(command.type, (applied.get(command.type) ?? 0) + 1);
          if (!r.ok) {
            expect(JSON.stringify(s)).toBe(before);
            continue;
          }
          s = JSON.parse(JSON.stringify(r.snapshot)) as CaseSnapshot;
          checkInvariants(s, at);
        }
      }),
      { numRuns: 200 },
    );
    for (const type of ['recall', 'signTask', 'claimTask'])
      expect(applied.get(type) ?? 0, JSON.stringify([...applied])).toBeGreaterThan(10);
  });
});
