import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CompiledDefinition } from '../src/compile/index.js';
import type { Actor } from '../src/model/case.js';
import type { CaseSnapshot } from '../src/model/snapshot.js';
import { type StepApplied, step } from '../src/runtime/step.js';
import type { Command } from '../src/runtime/types.js';
import { boundary, compiled, end, gateway, model, scope, start, task, timer } from './support/ir.js';

const bj = (iso: string): number => Date.parse(`${iso}+08:00`);
const ZHANG: Actor = { id: '窗口-张', kind: 'staff', department: 'L' };
/** The same person, for a department's task they act on (staff act for their own department only). */
const ZHANG_OF_A: Actor = { ...ZHANG, department: 'A' };
/** The same person without a department: the command's `department` is then who acts. */
const ZHANG_NO_DEPARTMENT: Actor = { id: ZHANG.id, kind: 'staff' };
const five = { amount: 5, unit: 'workingDays' } as const;

/** accept → fork( a ‖ b ‖ co (会签 over coDepartments) ) → join → decide: limits on accept and a. */
function definition(): CompiledDefinition {
  return compiled(
    model(
      scope(
        'p',
        [
          start('s'),
          task('accept', 'L', { role: 'lead', limit: { amount: 2, unit: 'workingDays' } }),
          gateway('fork', 'parallel'),
          task('a', 'A', { limit: five }),
          task('b', 'B'),
          task('co', '', {
            multiInstance: { departments: [], collection: 'coDepartments', completionCondition: null },
          }),
          gateway('join', 'parallel'),
          task('decide', 'L', { role: 'lead' }),
          end('e'),
        ],
        [
          ['s', 'accept'],
          ['accept', 'fork'],
          ['fork', 'a'],
          ['fork', 'b'],
          ['fork', 'co'],
          ['a', 'join'],
          ['b', 'join'],
          ['co', 'join'],
          ['join', 'decide'],
          ['decide', 'e'],
        ],
      ),
      {
        code: 'R',
        name: 'recall',
        kind: 'promised',
        legalLimit: null,
        promisedLimit: { amount: 20, unit: 'workingDays' },
        warning: null,
        extensionCap: null,
        calendar: null,
      },
    ),
  );
}

class Case {
  snapshot: CaseSnapshot | null = null;
  constructor(readonly def: CompiledDefinition) {}
  send(command: Command, at: number): StepApplied {
    const r = step(this.def, this.snapshot, command, at);
    if (!r.ok) throw r.error;
    this.snapshot = JSON.parse(JSON.stringify(r.snapshot)) as CaseSnapshot;
    return r;
  }
  /** The refusal's code; a refused command must leave the snapshot exactly as it was. */
  refusal(command: Command, at: number): string {
    const before = JSON.stringify(this.snapshot);
    const r = step(this.def, this.snapshot, command, at);
    expect(JSON.stringify(this.snapshot)).toBe(before);
    return r.ok ? 'applied' : r.error.code;
  }
  task(elementId: string, department?: string) {
    const t = Object.values(this.snapshot!.machine.context.tasks).find(
      (x) => x.elementId === elementId && (department === undefined || x.department === department),
    );
    if (!t) throw new Error(`no open ${elementId} ${department ?? ''}`);
    return t;
  }
  ids(): string[] {
    return Object.keys(this.snapshot!.machine.context.tasks).sort();
  }
  open(): string[] {
    return Object.values(this.snapshot!.machine.context.tasks)
      .map((t) => `${t.elementId}@${t.department}`)
      .sort();
  }
  complete(elementId: string, department: string, at: number, actor?: Actor): StepApplied {
    const t = this.task(elementId, department);
    return this.send(
      { type: 'completeTask', taskId: t.id, department, outcome: 'approve', ...(actor ? { actor } : {}) },
      at,
    );
  }
  recall(elementId: string, department: string, at: number, actor?: Actor): StepApplied {
    return this.send(
      { type: 'recall', elementId, department, reason: '填错意见', ...(actor ? { actor } : {}) },
      at,
    );
  }
  static started(): Case {
    const c = new Case(definition());
    c.send({ type: 'start', caseId: 'k', coDepartments: ['X', 'Y'] }, bj('2026-03-02T09:00:00'));
    return c;
  }
  static inStage(): Case {
    const c = Case.started();
    c.complete('accept', 'L', bj('2026-03-02T10:00:00'), ZHANG);
    return c;
  }
}

describe('撤回 / 拿回 (recall)', () => {
  it('before the next handler acts: the tasks it opened are cancelled and the task reopens as it stood', () => {
    const c = Case.started();
    const dueBefore = c.task('accept').dueAt;
    const completed = c.task('accept').id;
    c.complete('accept', 'L', bj('2026-03-02T10:00:00'), ZHANG);
    const stage = c.ids();
    expect(c.open()).toEqual(['a@A', 'b@B', 'co@X', 'co@Y']);
    // Recalled the next day: the time between counts, the deadline stays where it was.
    const r = c.recall('accept', 'L', bj('2026-03-03T09:00:00'), ZHANG);
    expect(r.events.map((e) => e.type)).toEqual([
      'task.recalled',
      'task.cancelled',
      'task.cancelled',
      'task.cancelled',
      'task.cancelled',
      'task.opened',
    ]);
    expect(r.events[0]).toMatchObject({
      taskId: completed,
      department: 'L',
      data: { actor: ZHANG.id, reason: '填错意见', cancels: stage },
    });
    expect(c.open()).toEqual(['accept@L']);
    const reopened = c.task('accept');
    expect(reopened.id).not.toBe(completed);
    expect(reopened.dueAt).toBe(dueBefore);
    expect(r.events.at(-1)).toMatchObject({
      taskId: reopened.id,
      data: { recalledFrom: completed, dueAt: dueBefore },
    });
    expect(c.snapshot!.machine.context.clocks[reopened.id]?.startedAt).toBe(bj('2026-03-02T09:00:00'));
    // Completed again, the stage opens once more, nothing duplicated.
    c.complete('accept', 'L', bj('2026-03-03T10:00:00'), ZHANG);
    expect(c.open()).toEqual(['a@A', 'b@B', 'co@X', 'co@Y']);
  });

  it('only the person (or, without one, the department) that completed it may recall it', () => {
    const c = Case.inStage();
    const at = bj('2026-03-02T11:00:00');
    const other: Actor = { id: '窗口-李', kind: 'staff', department: 'L' };
    expect(
      c.refusal(
        { type: 'recall', elementId: 'accept', department: 'A', reason: 'r', actor: ZHANG_NO_DEPARTMENT },
        at,
      ),
    ).toBe('RECALL_TOO_LATE');
    const id = c.snapshot!.machine.context.recall ? Object.keys(c.snapshot!.machine.context.recall)[0]! : '';
    expect(
      c.refusal({ type: 'recall', taskId: id, department: 'A', reason: 'r', actor: ZHANG_NO_DEPARTMENT }, at),
    ).toBe('WRONG_DEPARTMENT');
    expect(c.refusal({ type: 'recall', taskId: id, department: 'L', reason: 'r', actor: other }, at)).toBe(
      'WRONG_ASSIGNEE',
    );
    expect(c.refusal({ type: 'recall', taskId: c.task('a').id, department: 'A', reason: 'r' }, at)).toBe(
      'WRONG_CASE_STATE',
    );
    expect(
      c.refusal(
        {
          type: 'recall',
          elementId: 'accept',
          department: 'L',
          reason: 'r',
          actor: { id: '督查', kind: 'supervisor' },
        },
        at,
      ),
    ).toBe('FORBIDDEN');
  });

  it.each([
    ['one next task is completed', (c: Case) => c.complete('b', 'B', bj('2026-03-02T11:00:00'))],
    [
      'one next task is delegated',
      (c: Case) =>
        c.send(
          { type: 'delegateTask', taskId: c.task('a').id, department: 'A', to: '科员' },
          bj('2026-03-02T11:00:00'),
        ),
    ],
    [
      'one next task is transferred',
      (c: Case) =>
        c.send(
          { type: 'transferTask', taskId: c.task('b').id, department: 'B', to: 'B2', reason: 'r' },
          bj('2026-03-02T11:00:00'),
        ),
    ],
    [
      'one next task is in 特别程序',
      (c: Case) =>
        c.send(
          {
            type: 'startSpecialProcedure',
            taskId: c.task('a').id,
            department: 'A',
            kind: '检测',
            reason: 'r',
          },
          bj('2026-03-02T11:00:00'),
        ),
    ],
  ])('is too late once %s (RECALL_TOO_LATE), and changes nothing', (_what, act) => {
    const c = Case.inStage();
    act(c);
    expect(
      c.refusal(
        { type: 'recall', elementId: 'accept', department: 'L', reason: 'r', actor: ZHANG },
        bj('2026-03-02T12:00:00'),
      ),
    ).toBe('RECALL_TOO_LATE');
  });

  it('in a parallel stage before the join: only that branch reopens, its siblings keep their tasks', () => {
    const c = Case.inStage();
    const siblings = [c.task('b').id, c.task('co', 'X').id, c.task('co', 'Y').id];
    const due = c.task('a').dueAt;
    c.complete('a', 'A', bj('2026-03-02T11:00:00'));
    const r = c.recall('a', 'A', bj('2026-03-04T11:00:00'));
    expect(r.events.map((e) => e.type)).toEqual(['task.recalled', 'task.opened']);
    expect(c.open()).toEqual(['a@A', 'b@B', 'co@X', 'co@Y']);
    for (const id of siblings) expect(c.ids()).toContain(id);
    expect(c.task('a').dueAt).toBe(due);
  });

  it('after the join fired and the next step is untouched: the branch reopens and the next step is cancelled', () => {
    const c = Case.inStage();
    c.complete('a', 'A', bj('2026-03-02T11:00:00'));
    c.complete('co', 'X', bj('2026-03-02T11:10:00'));
    c.complete('co', 'Y', bj('2026-03-02T11:20:00'));
    c.complete('b', 'B', bj('2026-03-02T11:30:00'));
    expect(c.open()).toEqual(['decide@L']);
    // Any branch that took part in the join may pull back, not only the last one.
    const r = c.recall('a', 'A', bj('2026-03-02T12:00:00'));
    expect(r.events.map((e) => e.type)).toEqual(['task.recalled', 'task.cancelled', 'task.opened']);
    expect(r.events[1]).toMatchObject({ elementId: 'decide' });
    expect(c.open()).toEqual(['a@A']);
    // B's answer stands and is still its own to recall: its branch reopens beside A's.
    c.recall('b', 'B', bj('2026-03-02T12:10:00'));
    expect(c.open()).toEqual(['a@A', 'b@B']);
    c.complete('a', 'A', bj('2026-03-02T13:00:00'));
    c.complete('b', 'B', bj('2026-03-02T13:10:00'));
    expect(c.open()).toEqual(['decide@L']);
  });

  it('after the join, once the next step has acted, no branch can be recalled', () => {
    const c = Case.inStage();
    c.complete('a', 'A', bj('2026-03-02T11:00:00'));
    c.complete('co', 'X', bj('2026-03-02T11:10:00'));
    c.complete('co', 'Y', bj('2026-03-02T11:20:00'));
    c.complete('b', 'B', bj('2026-03-02T11:30:00'));
    c.send(
      { type: 'delegateTask', taskId: c.task('decide').id, department: 'L', to: '科员' },
      bj('2026-03-02T12:00:00'),
    );
    for (const [el, dep] of [
      ['a', 'A'],
      ['b', 'B'],
    ] as const) {
      expect(
        c.refusal({ type: 'recall', elementId: el, department: dep, reason: 'r' }, bj('2026-03-02T13:00:00')),
      ).toBe('RECALL_TOO_LATE');
    }
  });

  it('one co-handling instance reopens alone while its multi-instance task is undecided; not once it decided', () => {
    const c = Case.inStage();
    const y = c.task('co', 'Y').id;
    c.complete('co', 'X', bj('2026-03-02T11:00:00'));
    expect(c.snapshot!.machine.context.mi?.co).toMatchObject({ completed: 1, approved: 1 });
    const r = c.recall('co', 'X', bj('2026-03-02T11:30:00'));
    expect(r.events.map((e) => e.type)).toEqual(['task.recalled', 'task.opened']);
    expect(c.open()).toEqual(['a@A', 'b@B', 'co@X', 'co@Y']);
    expect(c.task('co', 'Y').id).toBe(y);
    expect(c.snapshot!.machine.context.mi?.co).toMatchObject({ completed: 0, approved: 0 });
    c.complete('co', 'X', bj('2026-03-02T12:00:00'));
    c.complete('co', 'Y', bj('2026-03-02T12:10:00'));
    expect(
      c.refusal({ type: 'recall', elementId: 'co', department: 'Y', reason: 'r' }, bj('2026-03-02T12:20:00')),
    ).toBe('RECALL_TOO_LATE');
  });

  it('not a co-handling instance whose department was added again (加签) after it completed', () => {
    const c = Case.inStage();
    c.complete('co', 'X', bj('2026-03-02T11:00:00'));
    c.send(
      { type: 'addSigner', elementId: 'co', department: 'X', reason: '补充意见', actor: ZHANG },
      bj('2026-03-02T11:10:00'),
    );
    const again = c.task('co', 'X').id;
    expect(
      c.refusal({ type: 'recall', elementId: 'co', department: 'X', reason: 'r' }, bj('2026-03-02T11:20:00')),
    ).toBe('RECALL_TOO_LATE');
    expect(c.open()).toEqual(['a@A', 'b@B', 'co@X', 'co@Y']);
    // Once the new instance is removed (减签), the first completion can be recalled again.
    c.send(
      { type: 'removeSigner', taskId: again, reason: '不再需要', actor: ZHANG },
      bj('2026-03-02T11:30:00'),
    );
    c.recall('co', 'X', bj('2026-03-02T11:40:00'));
    expect(c.open()).toEqual(['a@A', 'b@B', 'co@X', 'co@Y']);
  });

  it('a jump or rejection resets the flow: nothing before it can be recalled', () => {
    const c = Case.inStage();
    c.complete('a', 'A', bj('2026-03-02T11:00:00'));
    c.send(
      { type: 'reject', taskId: c.task('b').id, department: 'B', reason: 'r', to: 'previous' },
      bj('2026-03-02T11:30:00'),
    );
    expect(
      c.refusal({ type: 'recall', elementId: 'a', department: 'A', reason: 'r' }, bj('2026-03-02T12:00:00')),
    ).toBe('RECALL_TOO_LATE');
  });
});

describe('the recalled task clock (property)', () => {
  it('resumes as it stood: same start, same deadline, the time between counted, whenever it is completed and recalled', () => {
    const hour = 3_600_000;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 24 * 6 }),
        fc.integer({ min: 0, max: 24 * 10 }),
        fc.boolean(),
        (completeAfter, recallAfter, special) => {
          const c = Case.inStage();
          let at = bj('2026-03-02T10:00:00') + completeAfter * hour;
          if (special) {
            // An Art. 45 special procedure before completion: its suspension travels with the clock.
            const a = c.task('a').id;
            c.send(
              { type: 'startSpecialProcedure', taskId: a, department: 'A', kind: '检测', reason: 'r' },
              at,
            );
            at += hour;
            c.send({ type: 'endSpecialProcedure', taskId: a, department: 'A' }, at);
            at += hour;
          }
          const before = c.task('a');
          const clock = c.snapshot!.machine.context.clocks[before.id];
          c.complete('a', 'A', at);
          c.recall('a', 'A', at + recallAfter * hour);
          const after = c.task('a');
          expect(after.dueAt).toBe(before.dueAt);
          expect(c.snapshot!.machine.context.clocks[after.id]).toEqual(clock);
        },
      ),
      { numRuns: 60 },
    );
  });
});

/** a (with a 1-day reminder beside it and a 5-day escalation that takes it away) → b. */
function withBoundaryTimers(): CompiledDefinition {
  return compiled(
    model(
      scope(
        'p',
        [
          start('s'),
          task('a', 'A', { boundaries: ['remind', 'late'] }),
          boundary('remind', 'a', timer('P1D'), false),
          boundary('late', 'a', timer('P5D')),
          task('b', 'B'),
          task('escalate', 'Sup'),
          end('e1'),
          end('e2'),
          end('e3'),
        ],
        [
          ['s', 'a'],
          ['a', 'b'],
          ['b', 'e1'],
          ['remind', 'e2'],
          ['late', 'escalate'],
          ['escalate', 'e3'],
        ],
      ),
    ),
  );
}

/** The case's BPMN timers: boundary id → due instant. */
function bpmnTimers(c: Case): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of Object.values(c.snapshot!.machine.context.timers))
    if (t.purpose === 'bpmn' && t.elementId !== null) out[t.elementId] = t.dueAt;
  return out;
}

describe("撤回 and the task's boundary timers", () => {
  const t0 = bj('2026-03-02T09:00:00');
  const HOUR = 3_600_000;

  it('gives a recalled task back the timers it had, not fresh ones from the recall', () => {
    const c = new Case(withBoundaryTimers());
    c.send({ type: 'start', caseId: 't' }, t0);
    const armed = bpmnTimers(c);
    expect(Object.keys(armed).sort()).toEqual(['late', 'remind']);
    c.complete('a', 'A', t0 + HOUR, ZHANG_OF_A);
    expect(bpmnTimers(c)).toEqual({});
    const r = c.recall('a', 'A', t0 + 20 * HOUR, ZHANG_OF_A);
    expect(c.open()).toEqual(['a@A']);
    expect(bpmnTimers(c)).toEqual(armed);
    // The store is told to set them at those instants, under the reopened task's new timer ids.
    expect(
      Object.fromEntries(r.timers.set.filter((t) => t.purpose === 'bpmn').map((t) => [t.elementId, t.dueAt])),
    ).toEqual(armed);
  });

  it('does not arm again a reminder that fired before the completion', () => {
    const c = new Case(withBoundaryTimers());
    c.send({ type: 'start', caseId: 't' }, t0);
    const armed = bpmnTimers(c);
    const remind = Object.values(c.snapshot!.machine.context.timers).find((t) => t.elementId === 'remind');
    c.send({ type: 'fireTimer', timerId: remind!.id }, armed.remind!);
    c.complete('a', 'A', armed.remind! + HOUR, ZHANG_OF_A);
    c.recall('a', 'A', armed.remind! + 2 * HOUR, ZHANG_OF_A);
    expect(bpmnTimers(c)).toEqual({ late: armed.late });
  });

  it('a recall whose escalation fell due meanwhile leaves it due at once, where it always was', () => {
    const c = new Case(withBoundaryTimers());
    c.send({ type: 'start', caseId: 't' }, t0);
    const armed = bpmnTimers(c);
    c.complete('a', 'A', t0 + HOUR, ZHANG_OF_A);
    const later = armed.late! + HOUR; // b untouched for five days
    c.recall('a', 'A', later, ZHANG_OF_A);
    expect(bpmnTimers(c).late).toBe(armed.late);
    const late = Object.values(c.snapshot!.machine.context.timers).find((t) => t.elementId === 'late');
    c.send({ type: 'fireTimer', timerId: late!.id }, later);
    expect(c.open()).toEqual(['escalate@Sup']);
  });

  it('whenever it is completed and recalled, the timers left are those pending at completion, due as before', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }), // hours until the completion
        fc.integer({ min: 0, max: 200 }), // hours from the completion to the recall
        (done, back) => {
          const c = new Case(withBoundaryTimers());
          c.send({ type: 'start', caseId: 't' }, t0);
          const armed = bpmnTimers(c);
          let at = t0;
          // Due timers fire as the clock passes them (the escalation takes the task away).
          const fireDue = (until: number) => {
            for (const [elementId, dueAt] of Object.entries(bpmnTimers(c)).sort((x, y) => x[1] - y[1])) {
              if (dueAt > until) continue;
              const t = Object.values(c.snapshot!.machine.context.timers).find(
                (x) => x.elementId === elementId,
              );
              c.send({ type: 'fireTimer', timerId: t!.id }, Math.max(at, dueAt));
              at = Math.max(at, dueAt);
            }
          };
          fireDue(t0 + done * HOUR);
          if (!c.open().includes('a@A')) return; // escalated before anyone completed it
          const pending = bpmnTimers(c);
          c.complete('a', 'A', t0 + done * HOUR, ZHANG_OF_A);
          c.recall('a', 'A', t0 + (done + back) * HOUR, ZHANG_OF_A);
          expect(bpmnTimers(c)).toEqual(pending);
          for (const [elementId, dueAt] of Object.entries(pending)) expect(dueAt).toBe(armed[elementId]);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('挂起 in between ends the window: the completion stands', () => {
    const c = new Case(withBoundaryTimers());
    c.send({ type: 'start', caseId: 't' }, t0);
    c.complete('a', 'A', t0 + HOUR, ZHANG_OF_A);
    const officer: Actor = { id: '科长-王', kind: 'officer', department: 'B' };
    c.send({ type: 'suspendCase', reason: '等待听证', actor: officer }, t0 + 2 * HOUR);
    c.send({ type: 'resumeCase', actor: officer }, t0 + 3 * HOUR);
    expect(
      c.refusal(
        { type: 'recall', elementId: 'a', department: 'A', reason: 'r', actor: ZHANG_OF_A },
        t0 + 4 * HOUR,
      ),
    ).toBe('RECALL_TOO_LATE');
  });
});
