import { describe, expect, it } from 'vitest';
import type { Actor } from '../src/model/case.js';
import type { CaseSnapshot } from '../src/model/snapshot.js';
import { WHO_MAY } from '../src/runtime/commands/table.js';
import { step } from '../src/runtime/step.js';
import type { Command } from '../src/runtime/types.js';
import {
  compiled,
  end,
  gateway,
  messageCatch,
  model,
  promisedMatter,
  scope,
  service,
  start,
  task,
} from './support/ir.js';

/**
 * Every command × every kind of actor, against a case where the command applies: admitted ones
 * apply, the others are refused with FORBIDDEN and leave the case as it was. The expectations are
 * written out here (not read from WHO_MAY), so a change of rule must change this table too.
 */

const bj = (iso: string): number => Date.parse(`${iso}+08:00`);
const five = { amount: 5, unit: 'workingDays' } as const;
const def = compiled(
  model(
    scope(
      'p',
      [
        start('s'),
        task('accept', 'L', { role: 'lead' }),
        gateway('fork', 'parallel'),
        task('a', 'A', { limit: five }),
        task('co', '', {
          multiInstance: { departments: [], collection: 'coDepartments', completionCondition: null },
        }),
        task('sig', 'S', { decisionMode: 'any', handlers: [{ id: '甲', weight: 1 }] }),
        task('clm', 'K', { claim: 'one' }),
        messageCatch('wait', '补正材料'),
        service('svc', 'checkCredit'),
        gateway('join', 'parallel'),
        task('decide', 'L', { role: 'lead' }),
        end('e'),
      ],
      [
        ['s', 'accept'],
        ['accept', 'fork'],
        ...(['a', 'co', 'sig', 'clm', 'wait', 'svc'] as const).flatMap(
          (x) =>
            [
              ['fork', x],
              [x, 'join'],
            ] as const,
        ),
        ['join', 'decide'],
        ['decide', 'e'],
      ],
    ),
    promisedMatter('WHO', 'who may'),
  ),
);

const T = bj('2026-03-02T09:00');
const HOUR = 3_600_000;

function run(commands: readonly Command[], intake: 'accepted' | 'pending' = 'accepted'): CaseSnapshot {
  const send = (snapshot: CaseSnapshot | null, command: Command, at: number): CaseSnapshot => {
    const r = step(def, snapshot, command, at);
    if (!r.ok) throw r.error;
    return r.snapshot;
  };
  let s = send(null, { type: 'start', caseId: 'c', coDepartments: ['C1', 'C2'], intake }, T);
  if (intake === 'accepted') {
    const accept = Object.values(s.machine.context.tasks)[0]?.id ?? '';
    s = send(s, { type: 'completeTask', taskId: accept, department: 'L' }, T + HOUR);
  }
  commands.forEach((command, i) => {
    s = send(s, command, T + (i + 2) * HOUR);
  });
  return JSON.parse(JSON.stringify(s)) as CaseSnapshot;
}

const taskOf = (s: CaseSnapshot, elementId: string, department?: string): string =>
  Object.values(s.machine.context.tasks).find(
    (t) => t.elementId === elementId && (department === undefined || t.department === department),
  )?.id ?? `no open ${elementId}`;

const OFFICER: Actor = { id: '丁', kind: 'officer' };
const SUPERVISOR: Actor = { id: '己', kind: 'supervisor' };

/** A case where the command applies, the command for an actor, and the department of its task. */
interface Fixture {
  readonly department: string;
  readonly snapshot: () => CaseSnapshot | null;
  readonly command: (actor: { actor?: Actor }) => Command;
}

const running = () => run([]);
const onA = (s: CaseSnapshot) => ({ taskId: taskOf(s, 'a'), department: 'A' });

const FIXTURES: { readonly [K in Command['type']]: Fixture } = {
  start: { department: 'A', snapshot: () => null, command: (a) => ({ type: 'start', caseId: 'n', ...a }) },
  completeTask: {
    department: 'A',
    snapshot: running,
    command: (a) => ({ type: 'completeTask', ...onA(running()), ...a }),
  },
  message: {
    department: 'A',
    snapshot: running,
    command: (a) => ({ type: 'message', name: '补正材料', ...a }),
  },
  fireTimer: {
    department: 'A',
    snapshot: running,
    command: (a) =>
      ({
        type: 'fireTimer',
        timerId: Object.keys(running().machine.context.timers)[0] ?? '',
        ...a,
      }) as Command,
  },
  completeService: {
    department: 'A',
    snapshot: running,
    command: (a) => ({ type: 'completeService', taskId: taskOf(running(), 'svc'), ...a }) as Command,
  },
  failService: {
    department: 'A',
    snapshot: running,
    command: (a) =>
      ({ type: 'failService', taskId: taskOf(running(), 'svc'), errorCode: 'E', ...a }) as Command,
  },
  withdraw: { department: 'A', snapshot: running, command: (a) => ({ type: 'withdraw', ...a }) },
  accept: {
    department: 'A',
    snapshot: () => run([], 'pending'),
    command: (a) => ({ type: 'accept', ...a }) as Command,
  },
  refuseIntake: {
    department: 'A',
    snapshot: () => run([], 'pending'),
    command: (a) => ({ type: 'refuseIntake', reason: 'r', ...a }) as Command,
  },
  suspendCase: {
    department: 'A',
    snapshot: running,
    command: (a) => ({ type: 'suspendCase', reason: 'r', ...a }) as Command,
  },
  resumeCase: {
    department: 'A',
    snapshot: () => run([{ type: 'suspendCase', reason: 'r', actor: OFFICER }]),
    command: (a) => ({ type: 'resumeCase', ...a }) as Command,
  },
  startSpecialProcedure: {
    department: 'A',
    snapshot: running,
    command: (a) => ({ type: 'startSpecialProcedure', ...onA(running()), kind: '检测', reason: 'r', ...a }),
  },
  endSpecialProcedure: {
    department: 'A',
    snapshot: () => run([{ type: 'startSpecialProcedure', ...onA(running()), kind: '检测', reason: 'r' }]),
    command: (a) => ({ type: 'endSpecialProcedure', ...onA(running()), ...a }),
  },
  requestSupplement: {
    department: 'A',
    snapshot: running,
    command: (a) => ({ type: 'requestSupplement', ...onA(running()), reason: 'r', ...a }),
  },
  supply: {
    department: 'A',
    snapshot: () => run([{ type: 'requestSupplement', ...onA(running()), reason: 'r' }]),
    command: (a) => ({ type: 'supply', ...a }),
  },
  transferTask: {
    department: 'A',
    snapshot: running,
    command: (a) => ({ type: 'transferTask', ...onA(running()), to: 'T', reason: 'r', ...a }),
  },
  delegateTask: {
    department: 'A',
    snapshot: running,
    command: (a) => ({ type: 'delegateTask', ...onA(running()), to: '某人', ...a }),
  },
  addSigner: {
    department: 'C1',
    snapshot: running,
    command: (a) => ({ type: 'addSigner', elementId: 'co', department: 'C3', reason: 'r', ...a }),
  },
  removeSigner: {
    department: 'C1',
    snapshot: running,
    command: (a) => ({ type: 'removeSigner', taskId: taskOf(running(), 'co', 'C1'), reason: 'r', ...a }),
  },
  reject: {
    department: 'A',
    snapshot: running,
    command: (a) => ({ type: 'reject', ...onA(running()), reason: 'r', to: 'applicant', ...a }),
  },
  resubmit: {
    department: 'A',
    snapshot: () => run([{ type: 'reject', ...onA(running()), reason: 'r', to: 'applicant' }]),
    command: (a) => ({ type: 'resubmit', ...a }),
  },
  jump: {
    department: 'A',
    snapshot: running,
    command: (a) => ({ type: 'jump', elementId: 'decide', reason: 'r', ...a }) as Command,
  },
  copyTo: {
    department: 'A',
    snapshot: running,
    command: (a) => ({ type: 'copyTo', departments: ['档案馆'], taskId: taskOf(running(), 'a'), ...a }),
  },
  extend: {
    department: 'A',
    snapshot: running,
    command: (a) => ({ type: 'extend', days: 5, reason: 'r', ...a }) as Command,
  },
  recall: {
    department: 'A',
    snapshot: () => run([{ type: 'completeTask', ...onA(running()) }]),
    command: (a) => ({ type: 'recall', taskId: taskOf(running(), 'a'), department: 'A', reason: 'r', ...a }),
  },
  claimTask: {
    department: 'K',
    snapshot: running,
    command: (a) =>
      ({ type: 'claimTask', taskId: taskOf(running(), 'clm'), department: 'K', ...a }) as Command,
  },
  unclaimTask: {
    department: 'K',
    snapshot: () =>
      run([
        {
          type: 'claimTask',
          taskId: taskOf(running(), 'clm'),
          department: 'K',
          actor: { id: '甲', kind: 'staff', department: 'K' },
        },
      ]),
    command: (a) =>
      ({ type: 'unclaimTask', taskId: taskOf(running(), 'clm'), department: 'K', ...a }) as Command,
  },
  signTask: {
    department: 'S',
    snapshot: running,
    command: (a) =>
      ({
        type: 'signTask',
        taskId: taskOf(running(), 'sig'),
        department: 'S',
        outcome: 'approve',
        ...a,
      }) as Command,
  },
  assignHandlers: {
    department: 'S',
    snapshot: running,
    command: (a) => ({
      type: 'assignHandlers',
      taskId: taskOf(running(), 'sig'),
      department: 'S',
      handlers: ['甲'],
      ...a,
    }),
  },
  urge: {
    department: 'A',
    snapshot: running,
    command: (a) => ({ type: 'urge', message: '请加快', ...a }) as Command,
  },
  supervise: {
    department: 'A',
    snapshot: running,
    command: (a) =>
      ({ type: 'supervise', department: 'A', message: '请说明', replyWithin: 2, ...a }) as Command,
  },
  answerSupervision: {
    department: 'A',
    snapshot: () =>
      run([{ type: 'supervise', department: 'A', message: '请说明', replyWithin: 2, actor: SUPERVISOR }]),
    command: (a) => {
      const s = run([
        { type: 'supervise', department: 'A', message: '请说明', replyWithin: 2, actor: SUPERVISOR },
      ]);
      const id = Object.keys(s.machine.context.supervisions)[0] ?? '';
      return { type: 'answerSupervision', supervisionId: id, department: 'A', answer: '已办', ...a };
    },
  },
};

const KINDS = [
  'own',
  'other',
  'lead',
  'officer',
  'admin',
  'supervisor',
  'applicant',
  'system',
  'none',
] as const;
type Kind = (typeof KINDS)[number];

function actorOf(kind: Kind, taskDepartment: string): { actor?: Actor } {
  switch (kind) {
    case 'own':
      return { actor: { id: '甲', kind: 'staff', department: taskDepartment } };
    case 'other':
      return { actor: { id: '乙', kind: 'staff', department: 'Z' } };
    case 'lead':
      return { actor: { id: '丙', kind: 'staff', department: 'L' } };
    case 'none':
      return {};
    default:
      return { actor: { id: kind, kind } };
  }
}

/**
 * Y: admitted (the command applies); -: FORBIDDEN. Columns: staff of the task's department, staff
 * of another department, staff of the lead department, officer, admin, supervisor, applicant,
 * system, no actor.
 */
const EXPECTED: { readonly [K in Command['type']]: string } = {
  //                     own other lead officer admin supervisor applicant system none
  start: '                Y   Y     Y    Y       Y     -          -         -      Y',
  completeTask: '         Y   -     -    -       -     -          -         Y      Y',
  message: '              Y   Y     Y    Y       Y     -          Y         Y      Y',
  fireTimer: '            -   -     -    -       -     -          -         Y      Y',
  completeService: '      -   -     -    -       -     -          -         Y      Y',
  failService: '          -   -     -    -       -     -          -         Y      Y',
  withdraw: '             Y   Y     Y    -       -     -          Y         -      Y',
  accept: '               Y   Y     Y    Y       Y     -          -         -      -',
  refuseIntake: '         Y   Y     Y    Y       Y     -          -         -      -',
  suspendCase: '          -   -     -    Y       Y     -          -         -      -',
  resumeCase: '           -   -     -    Y       Y     -          -         -      -',
  startSpecialProcedure: 'Y   -     -    -       -     -          -         -      Y',
  endSpecialProcedure: '  Y   -     -    -       -     -          -         -      Y',
  requestSupplement: '    Y   -     -    -       -     -          -         -      Y',
  supply: '               Y   Y     Y    -       -     -          Y         -      Y',
  transferTask: '         Y   -     -    -       -     -          -         -      Y',
  delegateTask: '         Y   -     -    -       -     -          -         -      Y',
  addSigner: '            -   -     Y    -       -     -          -         -      -',
  removeSigner: '         -   -     Y    -       -     -          -         -      -',
  reject: '               Y   -     -    -       -     -          -         -      Y',
  resubmit: '             Y   Y     Y    -       -     -          Y         -      Y',
  jump: '                 -   -     -    -       Y     -          -         -      -',
  copyTo: '               Y   Y     Y    -       -     -          -         -      -',
  extend: '               -   -     -    Y       Y     -          -         -      -',
  recall: '               Y   -     -    -       -     -          -         -      Y',
  claimTask: '            Y   -     -    -       -     -          -         -      -',
  unclaimTask: '          Y   -     -    Y       Y     -          -         -      -',
  signTask: '             Y   -     -    -       -     -          -         -      -',
  assignHandlers: '       Y   -     -    -       -     -          -         -      Y',
  urge: '                 -   -     Y    Y       -     Y          -         -      -',
  supervise: '            -   -     -    -       -     Y          -         -      -',
  answerSupervision: '    Y   -     -    -       -     -          -         -      Y',
};

describe('who may give each command (every command × every kind of actor)', () => {
  it('the table covers every command type the engine knows', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(WHO_MAY).sort());
  });

  for (const type of Object.keys(EXPECTED) as Command['type'][]) {
    it(type, () => {
      const fixture = FIXTURES[type];
      const marks = EXPECTED[type].trim().split(/\s+/);
      const got = KINDS.map((kind) => {
        const snapshot = fixture.snapshot();
        const r = step(def, snapshot, fixture.command(actorOf(kind, fixture.department)), T + 30 * HOUR);
        if (r.ok) return 'Y';
        return r.error.code === 'FORBIDDEN' ? '-' : `${kind}: ${r.error.code} ${r.error.message}`;
      });
      expect(Object.fromEntries(KINDS.map((k, i) => [k, got[i]]))).toEqual(
        Object.fromEntries(KINDS.map((k, i) => [k, marks[i]])),
      );
    });
  }
});
