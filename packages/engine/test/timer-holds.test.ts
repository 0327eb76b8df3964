import { describe, expect, it } from 'vitest';
import { defaultCalendarRegistry } from '../src/calendar/registry.js';
import type { TimerRecord } from '../src/model/case.js';
import type { MatterInfo } from '../src/model/process.js';
import type { CaseSnapshot } from '../src/model/snapshot.js';
import { type StepApplied, type StepResult, step } from '../src/runtime/step.js';
import type { Command } from '../src/runtime/types.js';
import { boundary, compiled, end, model, scope, start, task, timer } from './support/ir.js';

/** Beijing wall time as an instant. */
const bj = (iso: string): number => Date.parse(`${iso}+08:00`);
const cn = defaultCalendarRegistry().getCalendar('CN');
const officer = { id: 'o1', kind: 'officer' } as const;

const matter: MatterInfo = {
  code: 'T-HOLD',
  name: '并联审批',
  kind: 'promised',
  legalLimit: { amount: 20, unit: 'workingDays' },
  promisedLimit: { amount: 20, unit: 'workingDays' },
  warning: null,
  extensionCap: 10,
  calendar: null,
};

/** 会签 over coDepartments; silent for `wait` working days → deemed agreed (interrupting timer). */
function definition(wait: string) {
  return compiled(
    model(
      scope(
        'p',
        [
          start('s'),
          task('co', '', {
            limit: { amount: 5, unit: 'workingDays' },
            multiInstance: {
              departments: [],
              collection: 'coDepartments',
              completionCondition: 'nrOfRejected > 0',
            },
            boundaries: ['deemed'],
          }),
          boundary('deemed', 'co', timer(wait, 'CN'), true),
          task('decide', '住建局', { role: 'lead' }),
          end('e'),
        ],
        [
          ['s', 'co'],
          ['co', 'decide'],
          ['deemed', 'decide'],
          ['decide', 'e'],
        ],
      ),
      matter,
    ),
  );
}

function runner(def: ReturnType<typeof definition>) {
  return (snapshot: CaseSnapshot | null, command: Command, at: number): StepApplied => {
    const r: StepResult = step(def, snapshot, command, at);
    if (!r.ok) throw r.error;
    return r;
  };
}

const bpmnTimers = (r: StepApplied): TimerRecord[] => r.timers.set.filter((t) => t.purpose === 'bpmn');
const armed = (snapshot: CaseSnapshot): TimerRecord[] =>
  Object.values(snapshot.machine.context.timers).filter((t) => t.purpose === 'bpmn');

describe('working-day timers stay on their calendar through 挂起/激活', () => {
  const def = definition('P2D');
  const run = runner(def);
  // Thu 2026-09-24 10:00: 2 working days → Tue 09-29 10:00 (中秋 09-25 to 09-27).
  const started = run(
    null,
    { type: 'start', caseId: 'h1', coDepartments: ['税务局'] },
    bj('2026-09-24T10:00:00'),
  );

  it('arms the timer on the calendar', () => {
    expect(bpmnTimers(started).map((t) => t.dueAt)).toEqual([bj('2026-09-29T10:00:00')]);
  });

  it('held over 国庆 and resumed on the make-up Saturday, it fires on a working day, with the days it had left', () => {
    const suspended = run(
      started.snapshot,
      { type: 'suspendCase', actor: officer, reason: '听证' },
      bj('2026-09-28T09:00:00'),
    );
    expect(armed(suspended.snapshot)).toEqual([]);
    const resumed = run(
      suspended.snapshot,
      { type: 'resumeCase', actor: officer },
      bj('2026-10-10T09:00:00'),
    );
    const [due] = bpmnTimers(resumed).map((t) => t.dueAt);
    expect(due).toBeDefined();
    expect(cn.isWorkingDay(cn.civilDateOf(due!))).toBe(true);
    // As the clocks count: every day the suspension touched (09-28 … 10-10) does not count, so its
    // two working days are Mon 10-12 and Tue 10-13, at the hour it was armed.
    expect(due).toBe(bj('2026-10-13T10:00:00'));
  });
});

describe('a case suspended by an engine that parked timers as milliseconds', () => {
  const def = definition('P2D');
  const run = runner(def);

  it('resumes its timers on the calendar too', () => {
    const started = run(
      null,
      { type: 'start', caseId: 'h0', coDepartments: ['税务局'] },
      bj('2026-09-24T10:00:00'),
    );
    const suspended = run(
      started.snapshot,
      { type: 'suspendCase', actor: officer, reason: '听证' },
      bj('2026-09-28T09:00:00'),
    );
    // The layout earlier snapshots have: the timer's remaining time by element id, nothing held.
    const { heldTimers: _held, ...context } = suspended.snapshot.machine.context;
    const legacy: CaseSnapshot = {
      ...suspended.snapshot,
      machine: {
        ...suspended.snapshot.machine,
        context: { ...context, parkedTimers: { deemed: 25 * 3_600_000 } },
      },
    };
    const resumed = run(legacy, { type: 'resumeCase', actor: officer }, bj('2026-10-10T09:00:00'));
    expect(bpmnTimers(resumed).map((t) => t.dueAt)).toEqual([bj('2026-10-13T10:00:00')]);
  });
});

describe('timers of a task whose clock is stopped are held', () => {
  const def = definition('P1D');
  const run = runner(def);
  // Mon 2026-03-02 10:00: deemed agreed at Tue 03-03 10:00.
  const started = run(
    null,
    { type: 'start', caseId: 'h2', coDepartments: ['税务局', '公安局'] },
    bj('2026-03-02T10:00:00'),
  );
  const tax = started.openTasks.find((t) => t.department === '税务局')!;
  const police = started.openTasks.find((t) => t.department === '公安局')!;
  const [deemed] = bpmnTimers(started);

  it('a 补正 request holds the timer: it cannot fire, and the materials are still accepted', () => {
    const asked = run(
      started.snapshot,
      { type: 'requestSupplement', taskId: tax.id, department: '税务局', reason: '缺少章程' },
      bj('2026-03-03T09:30:00'),
    );
    expect(asked.timers.cancel).toContain(deemed!.id);
    const late = step(
      def,
      asked.snapshot,
      { type: 'fireTimer', timerId: deemed!.id },
      bj('2026-03-03T10:00:00'),
    );
    expect(late.ok).toBe(false);
    const supplied = run(
      asked.snapshot,
      { type: 'supply', variables: { charter: true } },
      bj('2026-03-05T15:00:00'),
    );
    expect(supplied.events.map((e) => e.type)).toContain('supplement.supplied');
    // 03-03 (before the request) was not over yet, so one working day is still owed: the days the
    // request touched (03-03 … 03-05) do not count, so it falls on Fri 03-06 at 10:00.
    expect(bpmnTimers(supplied).map((t) => t.dueAt)).toEqual([bj('2026-03-06T10:00:00')]);
  });

  it('特别程序 on one co-handler holds the stage timer until it ends', () => {
    const special = run(
      started.snapshot,
      {
        type: 'startSpecialProcedure',
        taskId: police.id,
        department: '公安局',
        kind: '2',
        reason: '现场核查',
      },
      bj('2026-03-02T15:00:00'),
    );
    expect(armed(special.snapshot)).toEqual([]);
    const ended = run(
      special.snapshot,
      { type: 'endSpecialProcedure', taskId: police.id, department: '公安局' },
      bj('2026-03-04T11:00:00'),
    );
    // 03-02 (arming day) and 03-02 … 03-04 (touched) do not count: Thu 03-05 at 10:00.
    expect(bpmnTimers(ended).map((t) => t.dueAt)).toEqual([bj('2026-03-05T10:00:00')]);
  });

  it('cancelling a task with a pending 补正 ends the 补正 with its own event', () => {
    const asked = run(
      started.snapshot,
      { type: 'requestSupplement', taskId: tax.id, department: '税务局', reason: '缺少章程' },
      bj('2026-03-02T11:00:00'),
    );
    // 公安局 rejects: the stage's completion condition holds, and 税务局's instance is cancelled.
    const rejected = run(
      asked.snapshot,
      { type: 'completeTask', taskId: police.id, department: '公安局', outcome: 'reject' },
      bj('2026-03-02T11:30:00'),
    );
    const types = rejected.events.map((e) => e.type);
    expect(types).toContain('task.cancelled');
    const ended = rejected.events.find((e) => e.type === 'supplement.cancelled');
    expect(ended).toMatchObject({ taskId: tax.id, department: '税务局' });
    expect(ended?.data).toMatchObject({ cause: 'taskCancelled', reason: '缺少章程' });
    expect(rejected.snapshot.machine.context.supplement ?? null).toBeNull();
  });
});

describe('撤回 of a task completed while its timer was held', () => {
  const def = compiled(
    model(
      scope(
        'p',
        [
          start('s'),
          task('review', '住建局', { role: 'lead', boundaries: ['deemed'] }),
          boundary('deemed', 'review', timer('P2D', 'CN'), true),
          task('decide', '住建局', { role: 'lead' }),
          end('e'),
        ],
        [
          ['s', 'review'],
          ['review', 'decide'],
          ['deemed', 'decide'],
          ['decide', 'e'],
        ],
      ),
      matter,
    ),
  );
  const run = runner(def);

  it('gives the reopened task its timer back, released at the completion and on the calendar', () => {
    // Mon 2026-03-02 10:00: due Wed 03-04 10:00.
    const started = run(null, { type: 'start', caseId: 'h3' }, bj('2026-03-02T10:00:00'));
    const review = started.openTasks[0]!;
    const special = run(
      started.snapshot,
      {
        type: 'startSpecialProcedure',
        taskId: review.id,
        department: '住建局',
        kind: '2',
        reason: '专家评审',
      },
      bj('2026-03-02T15:00:00'),
    );
    const done = run(
      special.snapshot,
      { type: 'completeTask', taskId: review.id, department: '住建局', actor: { id: 'u1' } },
      bj('2026-03-03T11:00:00'),
    );
    const recalled = run(
      done.snapshot,
      { type: 'recall', taskId: review.id, department: '住建局', reason: '意见有误', actor: { id: 'u1' } },
      bj('2026-03-03T12:00:00'),
    );
    // Held 03-02 15:00 to 03-03 11:00: 03-02 and 03-03 do not count; Wed 03-04 and Thu 03-05 do.
    expect(armed(recalled.snapshot).map((t) => t.dueAt)).toEqual([bj('2026-03-05T10:00:00')]);
  });

  it('recalled on a rest day after its timer fell due, the timer fires on the next working day', () => {
    // Mon 2026-03-02 10:00: due Wed 03-04 10:00. Completed Tue, recalled on Sat 03-07: overdue.
    const started = run(null, { type: 'start', caseId: 'h5' }, bj('2026-03-02T10:00:00'));
    const review = started.openTasks[0]!;
    const done = run(
      started.snapshot,
      { type: 'completeTask', taskId: review.id, department: '住建局', actor: { id: 'u1' } },
      bj('2026-03-03T11:00:00'),
    );
    const recalled = run(
      done.snapshot,
      { type: 'recall', taskId: review.id, department: '住建局', reason: '意见有误', actor: { id: 'u1' } },
      bj('2026-03-07T10:00:00'),
    );
    const [due] = armed(recalled.snapshot).map((t) => t.dueAt);
    expect(due).toBe(bj('2026-03-09T00:00:00'));
  });
});

describe('a timer armed afresh is not counted from an earlier arming', () => {
  const def = definition('P2D');
  const run = runner(def);
  const admin = { id: 'a1', kind: 'admin' } as const;

  it('held, released, armed again by 跳转, then held again: it counts from its new arming', () => {
    // Mon 2026-09-21 10:00: due Wed 09-23 10:00. A short 挂起 that day keeps that due.
    const started = run(
      null,
      { type: 'start', caseId: 'h4', coDepartments: ['税务局'] },
      bj('2026-09-21T10:00:00'),
    );
    const paused = run(
      started.snapshot,
      { type: 'suspendCase', actor: officer, reason: 'r' },
      bj('2026-09-21T11:00:00'),
    );
    const going = run(paused.snapshot, { type: 'resumeCase', actor: officer }, bj('2026-09-21T12:00:00'));
    expect(armed(going.snapshot).map((t) => t.dueAt)).toEqual([bj('2026-09-23T10:00:00')]);
    // Wed 09-23 09:00, before it fires: 跳转 back into the stage arms it afresh (Thu 09-24, Mon 09-28).
    const jumped = run(
      going.snapshot,
      { type: 'jump', elementId: 'co', reason: '重新会签', actor: admin },
      bj('2026-09-23T09:00:00'),
    );
    expect(armed(jumped.snapshot).map((t) => t.dueAt)).toEqual([bj('2026-09-28T09:00:00')]);
    // 挂起 Wed 09:30 to Thu 09-24 09:00: 09-23 and 09-24 do not count; 09-25–27 are 中秋 rest days;
    // its two working days are Mon 09-28 and Tue 09-29, at 09:00 — not counted from Mon 09-21.
    const held = run(
      jumped.snapshot,
      { type: 'suspendCase', actor: officer, reason: 'r' },
      bj('2026-09-23T09:30:00'),
    );
    const resumed = run(held.snapshot, { type: 'resumeCase', actor: officer }, bj('2026-09-24T09:00:00'));
    expect(armed(resumed.snapshot).map((t) => t.dueAt)).toEqual([bj('2026-09-29T09:00:00')]);
  });
});
