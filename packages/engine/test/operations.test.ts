import { describe, expect, it } from 'vitest';
import type { CompiledDefinition } from '../src/compile/index.js';
import type { Actor } from '../src/model/case.js';
import type { MatterInfo } from '../src/model/process.js';
import type { CaseSnapshot } from '../src/model/snapshot.js';
import { type StepApplied, step } from '../src/runtime/step.js';
import type { Command } from '../src/runtime/types.js';
import { compiled, end, gateway, model, scope, start, task } from './support/ir.js';

const bj = (iso: string): number => Date.parse(`${iso}+08:00`);
const OFFICER: Actor = { id: '督查科-周', kind: 'officer' };
const ADMIN: Actor = { id: '管理员', kind: 'admin' };
const STAFF: Actor = { id: '窗口-张', kind: 'staff', department: 'L' };

function definition(
  matter: Partial<MatterInfo> = {},
  timeoutAction?: 'agree' | 'reject',
): CompiledDefinition {
  const five = { amount: 5, unit: 'workingDays' } as const;
  return compiled(
    model(
      scope(
        'p',
        [
          start('s'),
          task('accept', 'L', { role: 'lead' }),
          gateway('fork', 'parallel'),
          task('a', 'A', { limit: five, ...(timeoutAction ? { timeoutAction } : {}) }),
          task('b', 'B', { limit: five }),
          task('co', '', {
            limit: five,
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
        code: 'OPS',
        name: 'operations',
        kind: 'promised',
        legalLimit: null,
        promisedLimit: { amount: 20, unit: 'workingDays' },
        warning: { kind: 'absolute', amount: 1, unit: 'workingDays' },
        extensionCap: 10,
        calendar: null,
        ...matter,
      },
    ),
  );
}

class Case {
  snapshot: CaseSnapshot | null = null;
  last: StepApplied | null = null;
  constructor(readonly def: CompiledDefinition) {}
  send(command: Command, at: number): StepApplied {
    const r = step(this.def, this.snapshot, command, at);
    if (!r.ok) throw r.error;
    this.snapshot = JSON.parse(JSON.stringify(r.snapshot)) as CaseSnapshot;
    this.last = r;
    return r;
  }
  refusal(command: Command, at: number): string {
    const r = step(this.def, this.snapshot, command, at);
    return r.ok ? 'applied' : r.error.code;
  }
  task(elementId: string, department?: string) {
    const t = Object.values(this.snapshot!.machine.context.tasks).find(
      (x) => x.elementId === elementId && (department === undefined || x.department === department),
    );
    if (!t) throw new Error(`no open ${elementId} ${department ?? ''}`);
    return t;
  }
  open(): string[] {
    return Object.values(this.snapshot!.machine.context.tasks)
      .map((t) => `${t.elementId}@${t.department}`)
      .sort();
  }
  complete(elementId: string, department: string, at: number, outcome = 'approve'): StepApplied {
    return this.send(
      { type: 'completeTask', taskId: this.task(elementId, department).id, department, outcome },
      at,
    );
  }
  clock(key: string) {
    return this.snapshot!.machine.context.clocks[key];
  }
  /** Accepted at 2026-03-02 09:00 (Mon) and through the lead's intake task, into the parallel stage. */
  static inStage(def = definition()): Case {
    const c = new Case(def);
    c.send({ type: 'start', caseId: 'k', coDepartments: ['X', 'Y'] }, bj('2026-03-02T09:00:00'));
    c.complete('accept', 'L', bj('2026-03-02T10:00:00'));
    return c;
  }
}

describe('受理 / 不予受理', () => {
  it('a case registered as pending runs no clock and opens nothing until it is accepted', () => {
    const c = new Case(definition());
    const r = c.send({ type: 'start', caseId: 'k', intake: 'pending' }, bj('2026-03-02T09:00:00'));
    expect(r.events.map((e) => e.type)).toEqual(['case.registered']);
    expect(c.snapshot?.status).toBe('pending');
    expect(c.snapshot?.dueAt).toBeNull();
    expect(c.open()).toEqual([]);
    expect(
      c.refusal({ type: 'accept', actor: { id: 'x', kind: 'supervisor' } }, bj('2026-03-03T09:00:00')),
    ).toBe('FORBIDDEN');
    // Accepted on Tuesday 03-03: 20 working days count from there, not from registration.
    const accepted = c.send({ type: 'accept', actor: STAFF }, bj('2026-03-03T09:00:00'));
    expect(accepted.events.map((e) => e.type)).toEqual(['case.started', 'task.opened']);
    expect(c.snapshot?.status).toBe('running');
    expect(c.snapshot?.startedAt).toBe(bj('2026-03-03T09:00:00'));
    expect(c.snapshot?.dueAt).toBe(bj('2026-04-01T00:00:00'));
  });

  it('不予受理 ends the case without a clock', () => {
    const c = new Case(definition());
    c.send({ type: 'start', caseId: 'k', intake: 'pending' }, bj('2026-03-02T09:00:00'));
    c.send({ type: 'refuseIntake', actor: STAFF, reason: '不属于本机关职权范围' }, bj('2026-03-02T11:00:00'));
    expect(c.snapshot?.status).toBe('refused');
    expect(c.snapshot?.machine.context.clocks).toEqual({});
    expect(c.refusal({ type: 'accept', actor: STAFF }, bj('2026-03-02T12:00:00'))).toBe('CASE_ENDED');
  });
});

describe('挂起 / 激活 of a whole case', () => {
  it('only an authorised officer suspends; every clock stops and BPMN work waits', () => {
    const c = Case.inStage();
    const dueBefore = c.snapshot!.dueAt!;
    const taskDueBefore = c.task('a', 'A').dueAt!;
    expect(c.refusal({ type: 'suspendCase', actor: STAFF, reason: 'x' }, bj('2026-03-03T09:00:00'))).toBe(
      'FORBIDDEN',
    );
    c.send({ type: 'suspendCase', actor: OFFICER, reason: '案件涉诉' }, bj('2026-03-03T09:00:00'));
    expect(c.snapshot?.status).toBe('suspended');
    expect(
      c.refusal({ type: 'completeTask', taskId: c.task('a').id, department: 'A' }, bj('2026-03-04T09:00:00')),
    ).toBe('WRONG_CASE_STATE');
    for (const clock of Object.values(c.snapshot!.machine.context.clocks)) {
      expect(clock.suspensions.at(-1)).toMatchObject({ kind: '挂起', to: null });
    }
    // No light can change while suspended.
    expect(Object.values(c.snapshot!.machine.context.timers).filter((t) => t.purpose === 'light')).toEqual(
      [],
    );
    // Suspended Tue 03-03 to Mon 03-09: every day it touches is not counted (5 working days), so
    // the case's last day moves from 03-30 by 5 working days, across 清明 (04-04..04-06), to 04-07.
    const resumed = c.send({ type: 'resumeCase', actor: OFFICER }, bj('2026-03-09T09:00:00'));
    expect(c.snapshot?.status).toBe('running');
    expect(c.snapshot!.dueAt).toBeGreaterThan(dueBefore);
    expect(c.snapshot!.dueAt).toBe(bj('2026-04-08T00:00:00'));
    // The task's own 5 working days (03-03..03-09) also move by the same 5 days: due 03-16.
    expect(taskDueBefore).toBe(bj('2026-03-10T00:00:00'));
    expect(c.task('a', 'A').dueAt).toBe(bj('2026-03-17T00:00:00'));
    expect(resumed.timers.set.filter((t) => t.purpose === 'light').length).toBeGreaterThan(0);
  });
});

describe('特别程序 (Art. 45) on one branch', () => {
  it("stops that branch's clock; the case clock stops only while no branch is timed", () => {
    const c = Case.inStage();
    const a = c.task('a', 'A');
    c.send(
      {
        type: 'startSpecialProcedure',
        taskId: a.id,
        department: 'A',
        kind: '专家评审',
        reason: '组织专家论证',
      },
      bj('2026-03-03T09:00:00'),
    );
    expect(c.clock(a.id)?.suspensions.at(-1)).toMatchObject({ kind: '特别程序', to: null });
    expect(c.clock('case')?.suspensions).toEqual([]);
    // Every other open task goes into 特别程序 too: now nothing is timed, so the case clock stops.
    for (const t of Object.values(c.snapshot!.machine.context.tasks).filter((x) => x.elementId !== 'a')) {
      c.send(
        {
          type: 'startSpecialProcedure',
          taskId: t.id,
          department: t.department!,
          kind: '检测',
          reason: '检测',
        },
        bj('2026-03-04T09:00:00'),
      );
    }
    expect(c.clock('case')?.suspensions.at(-1)).toMatchObject({ kind: '特别程序', to: null });
    c.send(
      { type: 'endSpecialProcedure', taskId: a.id, department: 'A', result: '专家同意' },
      bj('2026-03-06T09:00:00'),
    );
    expect(c.clock('case')?.suspensions.at(-1)?.to).toBe(bj('2026-03-06T09:00:00'));
    expect(c.clock(a.id)?.suspensions.at(-1)?.to).toBe(bj('2026-03-06T09:00:00'));
  });

  it("is refused for another department's task", () => {
    const c = Case.inStage();
    expect(
      c.refusal(
        { type: 'startSpecialProcedure', taskId: c.task('a').id, department: 'B', kind: '检测', reason: 'x' },
        bj('2026-03-03T09:00:00'),
      ),
    ).toBe('WRONG_DEPARTMENT');
  });
});

describe('补正 requested by one department', () => {
  it('stops the case clock and the requesting task; on supply only that department resumes (default)', () => {
    const c = Case.inStage();
    const b = c.task('b', 'B');
    c.complete('a', 'A', bj('2026-03-03T09:00:00'));
    c.send(
      {
        type: 'requestSupplement',
        taskId: b.id,
        department: 'B',
        reason: '缺少检测报告',
        items: ['检测报告'],
      },
      bj('2026-03-03T10:00:00'),
    );
    expect(c.clock('case')?.suspensions.at(-1)).toMatchObject({ kind: '补正', to: null });
    expect(c.clock(b.id)?.suspensions.at(-1)).toMatchObject({ kind: '补正', to: null });
    expect(c.clock(c.task('co', 'X').id)?.suspensions).toEqual([]);
    expect(
      c.refusal(
        { type: 'requestSupplement', taskId: c.task('co', 'X').id, department: 'X', reason: 'again' },
        bj('2026-03-03T11:00:00'),
      ),
    ).toBe('WRONG_CASE_STATE');
    c.send({ type: 'supply', actor: { id: '申请人', kind: 'applicant' } }, bj('2026-03-05T10:00:00'));
    expect(c.clock('case')?.suspensions.at(-1)?.to).toBe(bj('2026-03-05T10:00:00'));
    expect(c.open()).toEqual(['b@B', 'co@X', 'co@Y']); // a stays done
  });

  it('with supplementMode "all", every branch of the stage reviews again', () => {
    const c = Case.inStage(definition({ supplementMode: 'all' }));
    c.complete('a', 'A', bj('2026-03-03T09:00:00'));
    c.send(
      { type: 'requestSupplement', taskId: c.task('b').id, department: 'B', reason: '缺少检测报告' },
      bj('2026-03-03T10:00:00'),
    );
    const r = c.send({ type: 'supply' }, bj('2026-03-05T10:00:00'));
    expect(c.open()).toEqual(['a@A', 'b@B', 'co@X', 'co@Y']);
    expect(
      r.events
        .filter((e) => e.type === 'task.cancelled')
        .map((e) => e.elementId)
        .sort(),
    ).toEqual(['b', 'co', 'co']);
  });
});

describe('转办 and 委派', () => {
  it('转办 moves the task, its deadline and its light to the other department', () => {
    const c = Case.inStage();
    const a = c.task('a', 'A');
    const lightTimers = Object.values(c.snapshot!.machine.context.timers).filter((t) => t.elementId === 'a');
    c.send(
      { type: 'transferTask', taskId: a.id, department: 'A', to: 'A2', reason: '职责调整' },
      bj('2026-03-03T09:00:00'),
    );
    const moved = c.task('a');
    expect(moved).toMatchObject({ id: a.id, department: 'A2', dueAt: a.dueAt, transferredFrom: ['A'] });
    expect(Object.values(c.snapshot!.machine.context.timers).filter((t) => t.elementId === 'a')).toEqual(
      lightTimers,
    );
    expect(
      c.refusal({ type: 'completeTask', taskId: a.id, department: 'A' }, bj('2026-03-03T10:00:00')),
    ).toBe('WRONG_DEPARTMENT');
    c.complete('a', 'A2', bj('2026-03-03T10:00:00'));
  });

  it('委派: the delegate answers, the task comes back, the department decides', () => {
    const c = Case.inStage();
    const a = c.task('a', 'A');
    c.send({ type: 'delegateTask', taskId: a.id, department: 'A', to: '科员-王' }, bj('2026-03-03T09:00:00'));
    expect(
      c.refusal(
        { type: 'completeTask', taskId: a.id, department: 'A', actor: { id: '科长-李' } },
        bj('2026-03-03T10:00:00'),
      ),
    ).toBe('WRONG_ASSIGNEE');
    const back = c.send(
      { type: 'completeTask', taskId: a.id, department: 'A', actor: { id: '科员-王' }, opinion: '初审同意' },
      bj('2026-03-03T11:00:00'),
    );
    expect(back.events.map((e) => e.type)).toEqual(['task.delegationReturned']);
    expect(c.task('a').delegatedTo).toBeNull();
    c.complete('a', 'A', bj('2026-03-03T12:00:00'));
    expect(c.open()).not.toContain('a@A');
  });
});

describe('加签 / 减签', () => {
  it('adds a co-handling department due with the stage, and the join waits for it', () => {
    const c = Case.inStage();
    const sibling = c.task('co', 'X');
    c.send(
      { type: 'addSigner', elementId: 'co', department: 'Z', reason: '涉及文物保护', actor: STAFF },
      bj('2026-03-04T09:00:00'),
    );
    expect(c.task('co', 'Z').dueAt).toBe(sibling.dueAt);
    c.complete('a', 'A', bj('2026-03-04T10:00:00'));
    c.complete('b', 'B', bj('2026-03-04T10:00:00'));
    c.complete('co', 'X', bj('2026-03-04T10:00:00'));
    c.complete('co', 'Y', bj('2026-03-04T10:00:00'));
    expect(c.open()).toEqual(['co@Z']);
    c.complete('co', 'Z', bj('2026-03-05T10:00:00'));
    expect(c.open()).toEqual(['decide@L']);
  });

  it('a fresh limit counts from now; removing the last open signer lets the stage finish', () => {
    const c = Case.inStage();
    c.send(
      {
        type: 'addSigner',
        elementId: 'co',
        department: 'Z',
        reason: 'x',
        limit: { amount: 1, unit: 'workingDays' },
        actor: STAFF,
      },
      bj('2026-03-04T09:00:00'),
    );
    expect(c.task('co', 'Z').dueAt).toBe(bj('2026-03-06T00:00:00'));
    for (const [e, d] of [
      ['a', 'A'],
      ['b', 'B'],
      ['co', 'X'],
      ['co', 'Y'],
    ] as const)
      c.complete(e, d, bj('2026-03-04T10:00:00'));
    c.send(
      { type: 'removeSigner', taskId: c.task('co', 'Z').id, reason: '不涉及', actor: STAFF },
      bj('2026-03-04T11:00:00'),
    );
    expect(c.open()).toEqual(['decide@L']);
  });
});

describe('驳回 / 退回 inside a parallel stage', () => {
  it('veto (default): the whole stage closes at once and the case goes back to the named step', () => {
    const c = Case.inStage();
    c.complete('a', 'A', bj('2026-03-03T09:00:00'));
    const r = c.send(
      {
        type: 'reject',
        taskId: c.task('b').id,
        department: 'B',
        reason: '不符合',
        to: { elementId: 'accept' },
      },
      bj('2026-03-03T10:00:00'),
    );
    expect(r.events[0]).toMatchObject({
      type: 'task.rejected',
      elementId: 'b',
      data: { to: 'accept', mode: 'veto' },
    });
    expect(
      r.events
        .filter((e) => e.type === 'task.cancelled')
        .map((e) => e.department)
        .sort(),
    ).toEqual(['X', 'Y']);
    expect(c.open()).toEqual(['accept@L']);
    c.complete('accept', 'L', bj('2026-03-04T09:00:00'));
    expect(c.open()).toEqual(['a@A', 'b@B', 'co@X', 'co@Y']);
  });

  it('"previous" goes back to the last step before the stage', () => {
    const c = Case.inStage();
    c.send(
      { type: 'reject', taskId: c.task('a').id, department: 'A', reason: '退回', to: 'previous' },
      bj('2026-03-03T10:00:00'),
    );
    expect(c.open()).toEqual(['accept@L']);
  });

  it('to the applicant: nothing is open, the case clock stops, and resubmission walks the stage again', () => {
    const c = Case.inStage();
    c.complete('b', 'B', bj('2026-03-03T09:00:00'));
    c.send(
      { type: 'reject', taskId: c.task('a').id, department: 'A', reason: '材料不实', to: 'applicant' },
      bj('2026-03-03T10:00:00'),
    );
    expect(c.snapshot?.status).toBe('returned');
    expect(c.open()).toEqual([]);
    expect(c.clock('case')?.suspensions.at(-1)).toMatchObject({ kind: '退回', to: null });
    expect(c.refusal({ type: 'completeTask', taskId: 'x', department: 'A' }, bj('2026-03-04T10:00:00'))).toBe(
      'WRONG_CASE_STATE',
    );
    c.send(
      { type: 'resubmit', actor: { id: '申请人', kind: 'applicant' }, variables: { revised: true } },
      bj('2026-03-05T10:00:00'),
    );
    expect(c.snapshot?.status).toBe('running');
    expect(c.open()).toEqual(['a@A', 'b@B', 'co@X', 'co@Y']);
    expect(c.clock('case')?.suspensions.at(-1)?.to).toBe(bj('2026-03-05T10:00:00'));
  });

  it('collect-all: the rejection is recorded, the siblings finish, the lead decides', () => {
    const c = Case.inStage(definition({ rejectMode: 'collect' }));
    const r = c.send(
      { type: 'reject', taskId: c.task('a').id, department: 'A', reason: '不同意', to: 'previous' },
      bj('2026-03-03T10:00:00'),
    );
    expect(r.events.map((e) => e.type)).toEqual(['task.completed']);
    expect(r.events[0]?.data).toMatchObject({ outcome: 'reject', opinion: '不同意' });
    expect(c.open()).toEqual(['b@B', 'co@X', 'co@Y']);
  });
});

describe('跳转, 抄送 and permissions', () => {
  it('only an administrator moves a case, and the move is recorded with what was open', () => {
    const c = Case.inStage();
    expect(
      c.refusal({ type: 'jump', elementId: 'decide', reason: 'x', actor: STAFF }, bj('2026-03-03T10:00:00')),
    ).toBe('FORBIDDEN');
    const r = c.send(
      { type: 'jump', elementId: 'decide', reason: '系统故障补录', actor: ADMIN },
      bj('2026-03-03T10:00:00'),
    );
    expect(r.events[0]).toMatchObject({ type: 'case.jumped', data: { to: 'decide', actor: '管理员' } });
    expect(c.open()).toEqual(['decide@L']);
    expect(
      c.refusal({ type: 'jump', elementId: 'nowhere', reason: 'x', actor: ADMIN }, bj('2026-03-03T11:00:00')),
    ).toBe('BAD_COMMAND');
  });

  it('抄送 records a copy and changes nothing else', () => {
    const c = Case.inStage();
    const before = c.open();
    const r = c.send(
      { type: 'copyTo', departments: ['档案馆'], taskId: c.task('a').id, note: '知悉', actor: STAFF },
      bj('2026-03-03T10:00:00'),
    );
    expect(r.events).toMatchObject([{ type: 'case.copied', data: { departments: ['档案馆'] } }]);
    expect(c.open()).toEqual(before);
  });

  it('a supervisor cannot act on a task', () => {
    const c = Case.inStage();
    const a = c.task('a');
    expect(
      c.refusal(
        { type: 'completeTask', taskId: a.id, department: 'A', actor: { id: 's', kind: 'supervisor' } },
        bj('2026-03-03T10:00:00'),
      ),
    ).toBe('FORBIDDEN');
  });
});

describe('timeout actions', () => {
  it('逾期未反馈视为同意: when the light turns red the task completes as approved by the system', () => {
    const c = Case.inStage(definition({}, 'agree'));
    const a = c.task('a', 'A');
    const red = Object.values(c.snapshot!.machine.context.timers).find(
      (t) => t.purpose === 'light' && t.elementId === 'a',
    )!;
    // Fire light timers in order until the red one.
    let timer = red;
    for (let i = 0; i < 3 && c.open().includes('a@A'); i++) {
      c.send({ type: 'fireTimer', timerId: timer.id }, timer.dueAt);
      const next = Object.values(c.snapshot!.machine.context.timers).find(
        (t) => t.purpose === 'light' && t.elementId === 'a',
      );
      if (!next) break;
      timer = next;
    }
    expect(c.open()).not.toContain('a@A');
    const types = c.last!.events.map((e) => e.type);
    expect(types).toEqual(['light.changed', 'task.timedOut', 'task.completed']);
    expect(c.last!.events[2]?.data).toMatchObject({ outcome: 'approve', actor: 'system' });
    expect(c.last!.events[0]?.at).toBe(a.dueAt);
  });
});

describe('催办 and 督办 (supervision commands)', () => {
  const SUPERVISOR: Actor = { id: '监察室-陈', kind: 'supervisor' };

  it('催办 is recorded against the department holding the task; nothing else changes', () => {
    const c = Case.inStage();
    const before = c.open();
    const r = c.send(
      { type: 'urge', taskId: c.task('a').id, message: '请加快办理', actor: SUPERVISOR },
      bj('2026-03-05T09:00:00'),
    );
    expect(r.events).toMatchObject([
      { type: 'task.urged', department: 'A', data: { message: '请加快办理', actor: '监察室-陈' } },
    ]);
    expect(c.open()).toEqual(before);
  });

  it('督办 has its own reply deadline; unanswered it turns red on its timer; the department answers', () => {
    const c = Case.inStage();
    expect(
      c.refusal(
        { type: 'supervise', department: 'B', message: 'x', replyWithin: 2, actor: STAFF },
        bj('2026-03-05T09:00:00'),
      ),
    ).toBe('FORBIDDEN');
    const r = c.send(
      {
        type: 'supervise',
        department: 'B',
        message: '说明超期原因',
        replyWithin: 2,
        ruleId: 'SX-01',
        actor: SUPERVISOR,
      },
      bj('2026-03-05T09:00:00'),
    );
    // Thursday 03-05 + 2 working days: Friday, Monday → due at the end of 03-09.
    const timer = r.timers.set.find((t) => t.purpose === 'supervision')!;
    expect(timer.dueAt).toBe(bj('2026-03-10T00:00:00'));
    const overdue = c.send({ type: 'fireTimer', timerId: timer.id }, timer.dueAt);
    expect(overdue.events).toMatchObject([
      { type: 'supervision.overdue', department: 'B', data: { ruleId: 'SX-01' } },
    ]);
    const id = String(r.events[0]?.data?.supervisionId);
    expect(
      c.refusal(
        { type: 'answerSupervision', supervisionId: id, department: 'A', answer: 'x' },
        bj('2026-03-10T09:00:00'),
      ),
    ).toBe('WRONG_DEPARTMENT');
    const answered = c.send(
      { type: 'answerSupervision', supervisionId: id, department: 'B', answer: '已补充人员' },
      bj('2026-03-10T09:00:00'),
    );
    expect(answered.events).toMatchObject([{ type: 'supervision.answered', data: { late: true } }]);
    expect(c.snapshot!.machine.context.supervisions).toEqual({});
  });
});

describe('延期 (extension, Art. 42)', () => {
  it('moves the case deadline by working days, recomputes the light, and respects the cap', () => {
    const c = Case.inStage();
    expect(c.snapshot!.dueAt).toBe(bj('2026-03-31T00:00:00'));
    // Let the case go yellow first: its light timer fires at the start of 03-27.
    const yellow = Object.values(c.snapshot!.machine.context.timers).find(
      (t) => t.purpose === 'light' && t.elementId === null,
    )!;
    c.send({ type: 'fireTimer', timerId: yellow.id }, yellow.dueAt);
    expect(c.snapshot!.light).toBe('yellow');
    expect(
      c.refusal({ type: 'extend', days: 10, reason: 'x', actor: STAFF }, bj('2026-03-27T09:00:00')),
    ).toBe('FORBIDDEN');
    const r = c.send(
      { type: 'extend', days: 10, reason: '需组织专家论证', actor: OFFICER },
      bj('2026-03-27T09:00:00'),
    );
    // 10 more working days after 03-30: 03-31 … 04-03 (4), 清明 04-04..06, 04-07 … 04-14 (6).
    expect(c.snapshot!.dueAt).toBe(bj('2026-04-15T00:00:00'));
    expect(r.events.map((e) => e.type)).toEqual(['case.extended', 'light.changed']);
    expect(c.snapshot!.light).toBe('green');
    // The matter caps extensions at 10 working days in all.
    expect(
      c.refusal({ type: 'extend', days: 1, reason: 'again', actor: OFFICER }, bj('2026-03-30T09:00:00')),
    ).toBe('EXTENSION_CAP');
  });
});

describe('resubmission straight to the rejecting department', () => {
  it('reopens only the task that rejected; the other branches stay done', () => {
    const c = Case.inStage();
    c.complete('b', 'B', bj('2026-03-03T09:00:00'));
    c.complete('co', 'X', bj('2026-03-03T09:00:00'));
    c.complete('co', 'Y', bj('2026-03-03T09:00:00'));
    c.send(
      { type: 'reject', taskId: c.task('a').id, department: 'A', reason: '材料不实', to: 'applicant' },
      bj('2026-03-03T10:00:00'),
    );
    expect(c.open()).toEqual([]);
    c.send({ type: 'resubmit', mode: 'direct' }, bj('2026-03-05T10:00:00'));
    expect(c.open()).toEqual(['a@A']);
    c.complete('a', 'A', bj('2026-03-05T11:00:00'));
    expect(c.open()).toEqual(['decide@L']);
  });

  it('is refused when another department had not answered yet; restart is the way then', () => {
    const c = Case.inStage();
    c.complete('b', 'B', bj('2026-03-03T09:00:00'));
    c.send(
      { type: 'reject', taskId: c.task('a').id, department: 'A', reason: '材料不实', to: 'applicant' },
      bj('2026-03-03T10:00:00'),
    );
    expect(c.refusal({ type: 'resubmit', mode: 'direct' }, bj('2026-03-05T10:00:00'))).toBe(
      'WRONG_CASE_STATE',
    );
    c.send({ type: 'resubmit', mode: 'restart' }, bj('2026-03-05T10:00:00'));
    expect(c.open()).toEqual(['a@A', 'b@B', 'co@X', 'co@Y']);
  });
});
