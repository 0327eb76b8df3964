import { describe, expect, it } from 'vitest';
import { type CompiledDefinition, compile } from '../src/compile/index.js';
import type { CaseSnapshot } from '../src/model/snapshot.js';
import { type StepApplied, step } from '../src/runtime/step.js';
import type { Command } from '../src/runtime/types.js';
import {
  boundary,
  compiled,
  end,
  gateway,
  messageCatch,
  model,
  scope,
  service,
  start,
  subProcess,
  task,
  timer,
  timerCatch,
} from './support/ir.js';

const T0 = Date.UTC(2026, 2, 2, 1, 0); // 2026-03-02 09:00 Beijing

/** Drives a case through commands, persisting the snapshot as JSON between them as a store would. */
class Driver {
  snapshot: CaseSnapshot | null = null;
  events: StepApplied['events'][number][] = [];
  at = T0;
  constructor(readonly def: CompiledDefinition) {}
  send(command: Command): StepApplied {
    this.at += 60_000;
    const result = step(this.def, this.snapshot, command, this.at);
    if (!result.ok) throw result.error;
    this.snapshot = JSON.parse(JSON.stringify(result.snapshot)) as CaseSnapshot;
    this.events.push(...result.events);
    return result;
  }
  start(variables: Record<string, unknown> = {}, coDepartments?: string[]): StepApplied {
    return this.send({
      type: 'start',
      caseId: 'c1',
      variables: variables as never,
      ...(coDepartments ? { coDepartments } : {}),
    });
  }
  open(): { id: string; elementId: string; department: string | null }[] {
    return Object.values(this.snapshot?.machine.context.tasks ?? {}).map((t) => ({
      id: t.id,
      elementId: t.elementId,
      department: t.department ?? null,
    }));
  }
  openElements(): string[] {
    return this.open()
      .map((t) => (t.department ? `${t.elementId}@${t.department}` : t.elementId))
      .sort();
  }
  complete(
    elementId: string,
    department?: string,
    outcome?: string,
    variables: Record<string, unknown> = {},
  ): StepApplied {
    const t = this.open().find(
      (x) => x.elementId === elementId && (department === undefined || x.department === department),
    );
    if (!t)
      throw new Error(`no open task ${elementId} (${department}); open: ${this.openElements().join(', ')}`);
    return this.send({
      type: 'completeTask',
      taskId: t.id,
      department: t.department ?? '',
      ...(outcome ? { outcome } : {}),
      variables: variables as never,
    });
  }
  timerFor(elementId: string): string {
    const t = Object.values(this.snapshot?.machine.context.timers ?? {}).find(
      (x) => x.elementId === elementId,
    );
    if (!t) throw new Error(`no timer armed for ${elementId}`);
    return t.id;
  }
}

describe('sequence', () => {
  const def = compiled(
    model(
      scope(
        'p',
        [start('s'), task('a', 'A'), end('e')],
        [
          ['s', 'a'],
          ['a', 'e'],
        ],
      ),
    ),
  );

  it('opens the task at start and completes the case when it is done', () => {
    const d = new Driver(def);
    const first = d.start();
    expect(first.events.map((e) => e.type)).toEqual(['case.started', 'task.opened']);
    expect(d.openElements()).toEqual(['a@A']);
    const last = d.complete('a', 'A', 'approve');
    expect(last.events.map((e) => e.type)).toEqual(['task.completed', 'case.completed']);
    expect(d.snapshot?.status).toBe('completed');
    expect(d.open()).toEqual([]);
  });

  it('refuses a completion by another department and leaves the case as it was', () => {
    const d = new Driver(def);
    d.start();
    const before = JSON.stringify(d.snapshot);
    const [t] = d.open();
    const result = step(def, d.snapshot, { type: 'completeTask', taskId: t!.id, department: 'B' }, d.at + 1);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('WRONG_DEPARTMENT');
      expect(result.error.elementId).toBe('a');
    }
    expect(JSON.stringify(d.snapshot)).toBe(before);
  });

  it('refuses commands that do not apply, with stable codes', () => {
    const d = new Driver(def);
    d.start();
    const codes = (
      [
        { type: 'completeTask', taskId: 'nope', department: 'A' },
        { type: 'fireTimer', timerId: 'nope' },
        { type: 'message', name: 'never' },
        { type: 'start', caseId: 'c1' },
        { type: 'bogus' },
        { type: 'completeTask', taskId: 5, department: 'A' },
      ] as unknown as Command[]
    ).map((c) => {
      const r = step(def, d.snapshot, c, d.at + 5);
      return r.ok ? 'applied' : r.error.code;
    });
    expect(codes).toEqual([
      'TASK_NOT_OPEN',
      'UNKNOWN_TIMER',
      'MESSAGE_NOT_EXPECTED',
      'CASE_EXISTS',
      'BAD_COMMAND',
      'BAD_COMMAND',
    ]);
    expect(step(def, null, { type: 'withdraw' }, T0).ok).toBe(false);
  });

  it('refuses everything once the case has ended', () => {
    const d = new Driver(def);
    d.start();
    d.complete('a', 'A');
    const r = step(def, d.snapshot, { type: 'withdraw' }, T0 + 10);
    expect(r.ok ? null : r.error.code).toBe('CASE_ENDED');
  });
});

describe('parallel fork and join', () => {
  const def = compiled(
    model(
      scope(
        'p',
        [
          start('s'),
          gateway('fork', 'parallel'),
          task('a', 'A'),
          task('b', 'B'),
          task('c', 'C'),
          gateway('join', 'parallel'),
          task('d', 'D'),
          end('e'),
        ],
        [
          ['s', 'fork'],
          ['fork', 'a'],
          ['fork', 'b'],
          ['fork', 'c'],
          ['a', 'join'],
          ['b', 'join'],
          ['c', 'join'],
          ['join', 'd'],
          ['d', 'e'],
        ],
      ),
    ),
  );

  it('is a parallel state in the compiled machine', () => {
    const json = def.machine.definition;
    const body = json.states.body;
    const block = Object.values(body?.states ?? {}).find((s) => s.type === 'parallel');
    expect(block?.id).toBe('b:fork');
    expect(Object.keys(block?.states ?? {})).toEqual(['r1', 'r2', 'r3']);
  });

  it('waits for every branch, then moves on exactly once', () => {
    const d = new Driver(def);
    d.start();
    expect(d.openElements()).toEqual(['a@A', 'b@B', 'c@C']);
    d.complete('b', 'B');
    d.complete('a', 'A');
    expect(d.openElements()).toEqual(['c@C']);
    d.complete('c', 'C');
    expect(d.openElements()).toEqual(['d@D']);
    expect(d.events.filter((e) => e.type === 'task.opened' && e.elementId === 'd')).toHaveLength(1);
  });

  it('withdrawal cancels every open branch task', () => {
    const d = new Driver(def);
    d.start();
    d.complete('a', 'A');
    const r = d.send({ type: 'withdraw', reason: '申请人撤回' });
    const seen = r.events.map((e) => `${e.type}:${e.elementId ?? ''}`);
    expect(seen.slice(0, 2).sort()).toEqual(['task.cancelled:b', 'task.cancelled:c']);
    expect(seen[2]).toBe('case.withdrawn:');
    expect(d.snapshot?.status).toBe('withdrawn');
    expect(d.open()).toEqual([]);
  });
});

describe('exclusive gateway with a loop back (退回)', () => {
  const def = compiled(
    model(
      scope(
        'p',
        [start('s'), task('review', 'A'), gateway('gw', 'exclusive'), task('fix', 'Applicant'), end('ok')],
        [
          ['s', 'review'],
          ['review', 'gw'],
          ['gw', 'fix', 'outcome = "reject"'],
          ['gw', 'ok'],
          ['fix', 'review'],
        ],
        { gw: 'ok' },
      ),
    ),
  );

  it('goes back and forth as the outcome says', () => {
    const d = new Driver(def);
    d.start();
    d.complete('review', 'A', 'reject');
    expect(d.openElements()).toEqual(['fix@Applicant']);
    d.complete('fix', 'Applicant');
    expect(d.openElements()).toEqual(['review@A']);
    d.complete('review', 'A', 'approve');
    expect(d.snapshot?.status).toBe('completed');
    expect(d.events.filter((e) => e.type === 'gateway.taken').map((e) => e.data?.default ?? false)).toEqual([
      false,
      true,
    ]);
  });

  it('refuses the command when no flow applies and there is no default', () => {
    const noDefault = compiled(
      model(
        scope(
          'p',
          [start('s'), task('review', 'A'), gateway('gw', 'exclusive'), end('x'), end('y')],
          [
            ['s', 'review'],
            ['review', 'gw'],
            ['gw', 'x', 'n > 10'],
            ['gw', 'y', 'n < 5'],
          ],
        ),
      ),
    );
    const d = new Driver(noDefault);
    d.start();
    const before = JSON.stringify(d.snapshot);
    const [t] = d.open();
    const r = step(
      noDefault,
      d.snapshot,
      { type: 'completeTask', taskId: t!.id, department: 'A', variables: { n: 7 } },
      d.at + 9,
    );
    expect(r.ok ? null : [r.error.code, r.error.elementId]).toEqual(['NO_MATCHING_FLOW', 'gw']);
    expect(JSON.stringify(d.snapshot)).toBe(before);
    const ok = step(
      noDefault,
      d.snapshot,
      { type: 'completeTask', taskId: t!.id, department: 'A', variables: { n: 11 } },
      d.at + 9,
    );
    expect(ok.ok && ok.snapshot.status).toBe('completed');
  });
});

describe('inclusive gateway', () => {
  const def = compiled(
    model(
      scope(
        'p',
        [
          start('s'),
          gateway('or', 'inclusive'),
          task('a', 'A'),
          task('b', 'B'),
          task('c', 'C'),
          gateway('orj', 'inclusive'),
          task('d', 'D'),
          end('e'),
        ],
        [
          ['s', 'or'],
          ['or', 'a', 'x > 1'],
          ['or', 'b', 'y > 1'],
          ['or', 'c'],
          ['a', 'orj'],
          ['b', 'orj'],
          ['c', 'orj'],
          ['orj', 'd'],
          ['d', 'e'],
        ],
        { or: 'c' },
      ),
    ),
  );

  it('opens exactly the branches whose conditions hold, and the join waits for just those', () => {
    const d = new Driver(def);
    d.start({ x: 2, y: 0 });
    expect(d.openElements()).toEqual(['a@A']);
    d.complete('a', 'A');
    expect(d.openElements()).toEqual(['d@D']);

    const both = new Driver(def);
    both.start({ x: 2, y: 2 });
    expect(both.openElements()).toEqual(['a@A', 'b@B']);
    both.complete('b', 'B');
    expect(both.openElements()).toEqual(['a@A']);
    both.complete('a', 'A');
    expect(both.openElements()).toEqual(['d@D']);
  });

  it('takes the default flow only when no condition holds', () => {
    const d = new Driver(def);
    d.start({ x: 0, y: 0 });
    expect(d.openElements()).toEqual(['c@C']);
  });
});

describe('multi-instance co-handling (会签)', () => {
  const mi = (completionCondition: string | null) =>
    compiled(
      model(
        scope(
          'p',
          [
            start('s'),
            task('co', '', {
              multiInstance: { departments: [], collection: 'coDepartments', completionCondition },
            }),
            task('lead', 'L'),
            end('e'),
          ],
          [
            ['s', 'co'],
            ['co', 'lead'],
            ['lead', 'e'],
          ],
        ),
      ),
    );

  it('opens one task per department and waits for all of them', () => {
    const d = new Driver(mi(null));
    d.start({}, ['X', 'Y', 'Z']);
    expect(d.openElements()).toEqual(['co@X', 'co@Y', 'co@Z']);
    d.complete('co', 'X', 'approve');
    d.complete('co', 'Z', 'approve');
    expect(d.openElements()).toEqual(['co@Y']);
    d.complete('co', 'Y', 'approve');
    expect(d.openElements()).toEqual(['lead@L']);
  });

  it('ends early on the completion condition and cancels the rest (一票否决)', () => {
    const d = new Driver(mi('nrOfRejected > 0'));
    d.start({}, ['X', 'Y', 'Z']);
    const r = d.complete('co', 'Y', 'reject');
    expect(r.events.map((e) => `${e.type}:${e.department ?? ''}`)).toEqual([
      'task.completed:Y',
      'task.cancelled:X',
      'task.cancelled:Z',
      'task.opened:L',
    ]);
  });

  it('moves straight on when the department list is empty', () => {
    const d = new Driver(mi(null));
    d.start({}, []);
    expect(d.openElements()).toEqual(['lead@L']);
  });
});

describe('timers, messages, subprocesses and ends', () => {
  it('an interrupting boundary timer cancels the task and takes its path', () => {
    const def = compiled(
      model(
        scope(
          'p',
          [
            start('s'),
            task('a', 'A', { boundaries: ['late'] }),
            boundary('late', 'a', timer('P3D', 'CN')),
            task('escalate', 'Sup'),
            end('e1'),
            end('e2'),
          ],
          [
            ['s', 'a'],
            ['a', 'e1'],
            ['late', 'escalate'],
            ['escalate', 'e2'],
          ],
        ),
      ),
    );
    const d = new Driver(def);
    const started = d.start();
    expect(started.timers.set.map((t) => t.elementId)).toEqual(['late']);
    const fired = d.send({ type: 'fireTimer', timerId: d.timerFor('late') });
    expect(fired.events.map((e) => e.type)).toEqual(['timer.fired', 'task.cancelled', 'task.opened']);
    expect(d.openElements()).toEqual(['escalate@Sup']);
  });

  it('a non-interrupting boundary timer runs its path beside the task', () => {
    const def = compiled(
      model(
        scope(
          'p',
          [
            start('s'),
            task('a', 'A', { boundaries: ['remind'] }),
            boundary('remind', 'a', timer('P2D'), false),
            task('urge', 'Sup'),
            end('e1'),
            end('e2'),
          ],
          [
            ['s', 'a'],
            ['a', 'e1'],
            ['remind', 'urge'],
            ['urge', 'e2'],
          ],
        ),
      ),
    );
    const d = new Driver(def);
    d.start();
    d.send({ type: 'fireTimer', timerId: d.timerFor('remind') });
    expect(d.openElements()).toEqual(['a@A', 'urge@Sup']);
    d.complete('a', 'A');
    expect(d.snapshot?.status).toBe('completed');
  });

  it('an intermediate timer and a message catch wait for their trigger', () => {
    const def = compiled(
      model(
        scope(
          'p',
          [
            start('s'),
            timerCatch('wait', 'PT2H'),
            messageCatch('docs', '补正材料'),
            task('a', 'A'),
            end('e'),
          ],
          [
            ['s', 'wait'],
            ['wait', 'docs'],
            ['docs', 'a'],
            ['a', 'e'],
          ],
        ),
      ),
    );
    const d = new Driver(def);
    d.start();
    expect(step(def, d.snapshot, { type: 'message', name: '补正材料' }, d.at + 1).ok).toBe(false);
    d.send({ type: 'fireTimer', timerId: d.timerFor('wait') });
    d.send({ type: 'message', name: '补正材料', variables: { complete: true } });
    expect(d.openElements()).toEqual(['a@A']);
    expect(d.snapshot?.machine.context.vars.complete).toBe(true);
  });

  it('an error end inside a subprocess is caught by the boundary on the subprocess', () => {
    const inner = scope(
      'sub',
      [
        start('ss'),
        service('check', 'checkMaterials'),
        gateway('g', 'exclusive'),
        end('se'),
        end('bad', 'error', 'INCOMPLETE'),
      ],
      [
        ['ss', 'check'],
        ['check', 'g'],
        ['g', 'bad', 'ok = false'],
        ['g', 'se'],
      ],
      { g: 'se' },
    );
    const def = compiled(
      model(
        scope(
          'p',
          [
            start('s'),
            subProcess('sub', inner, ['err']),
            boundary('err', 'sub', { type: 'error', errorCode: 'INCOMPLETE' }),
            task('fix', 'Applicant'),
            task('decide', 'L'),
            end('e1'),
            end('e2'),
          ],
          [
            ['s', 'sub'],
            ['sub', 'decide'],
            ['decide', 'e1'],
            ['err', 'fix'],
            ['fix', 'e2'],
          ],
        ),
      ),
    );
    const d = new Driver(def);
    d.start();
    const [svc] = d.open();
    expect(svc?.elementId).toBe('check');
    d.send({ type: 'completeService', taskId: svc!.id, variables: { ok: false } });
    expect(d.openElements()).toEqual(['fix@Applicant']);

    const d2 = new Driver(def);
    d2.start();
    d2.send({ type: 'completeService', taskId: d2.open()[0]!.id, variables: { ok: true } });
    expect(d2.openElements()).toEqual(['decide@L']);
  });

  it('an uncaught service failure fails the case', () => {
    const def = compiled(
      model(
        scope(
          'p',
          [start('s'), service('svc', 'h'), end('e')],
          [
            ['s', 'svc'],
            ['svc', 'e'],
          ],
        ),
      ),
    );
    const d = new Driver(def);
    d.start();
    d.send({ type: 'failService', taskId: d.open()[0]!.id, errorCode: 'DOWN' });
    expect(d.snapshot?.status).toBe('failed');
  });

  it('a terminate end in one branch ends the case and cancels the other branches', () => {
    const def = compiled(
      model(
        scope(
          'p',
          [
            start('s'),
            gateway('f', 'parallel'),
            task('a', 'A'),
            gateway('ga', 'exclusive'),
            end('stop', 'terminate'),
            task('b', 'B'),
            gateway('j', 'parallel'),
            end('e'),
          ],
          [
            ['s', 'f'],
            ['f', 'a'],
            ['f', 'b'],
            ['a', 'ga'],
            ['ga', 'stop', 'outcome = "reject"'],
            ['ga', 'j'],
            ['b', 'j'],
            ['j', 'e'],
          ],
          { ga: 'j' },
        ),
      ),
    );
    const d = new Driver(def);
    d.start();
    const r = d.complete('a', 'A', 'reject');
    expect(r.events.map((e) => `${e.type}:${e.elementId ?? ''}`)).toEqual([
      'task.completed:a',
      'gateway.taken:ga',
      'case.terminated:stop',
      'task.cancelled:b',
    ]);
    expect(d.snapshot?.status).toBe('terminated');
  });
});

describe('structure diagnostics', () => {
  it('refuses a parallel split closed by an exclusive gateway', () => {
    const r = compile(
      model(
        scope(
          'p',
          [
            start('s'),
            gateway('f', 'parallel'),
            task('a', 'A'),
            task('b', 'B'),
            gateway('x', 'exclusive'),
            end('e'),
          ],
          [
            ['s', 'f'],
            ['f', 'a'],
            ['f', 'b'],
            ['a', 'x'],
            ['b', 'x'],
            ['x', 'e'],
          ],
        ),
      ),
    );
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => [d.code, d.elementId])).toContainEqual(['UNSTRUCTURED_GATEWAY', 'f']);
  });

  it('refuses a loop made only of gateways', () => {
    const r = compile(
      model(
        scope(
          'p',
          [start('s'), gateway('a', 'exclusive'), gateway('b', 'exclusive'), end('e')],
          [
            ['s', 'a'],
            ['a', 'b'],
            ['b', 'a', 'x > 1'],
            ['b', 'e'],
          ],
          { b: 'e' },
        ),
      ),
    );
    expect(r.diagnostics.map((d) => d.code)).toContain('LOOP_WITHOUT_WAIT');
  });

  it('refuses a parallel join that closes no split', () => {
    const r = compile(
      model(
        scope(
          'p',
          [
            start('s'),
            gateway('x', 'exclusive'),
            task('a', 'A'),
            task('b', 'B'),
            gateway('j', 'parallel'),
            end('e'),
          ],
          [
            ['s', 'x'],
            ['x', 'a', 'n > 1'],
            ['x', 'b'],
            ['a', 'j'],
            ['b', 'j'],
            ['j', 'e'],
          ],
          { x: 'b' },
        ),
      ),
    );
    expect(r.diagnostics.map((d) => [d.code, d.elementId])).toContainEqual(['UNSTRUCTURED_GATEWAY', 'j']);
  });

  it('accepts a loop back from inside a parallel stage to before it (退回)', () => {
    const r = compile(
      model(
        scope(
          'p',
          [
            start('s'),
            task('accept', 'L'),
            gateway('f', 'parallel'),
            task('a', 'A'),
            gateway('ga', 'exclusive'),
            task('b', 'B'),
            gateway('j', 'parallel'),
            end('e'),
          ],
          [
            ['s', 'accept'],
            ['accept', 'f'],
            ['f', 'a'],
            ['f', 'b'],
            ['a', 'ga'],
            ['ga', 'accept', 'outcome = "back"'],
            ['ga', 'j'],
            ['b', 'j'],
            ['j', 'e'],
          ],
          { ga: 'j' },
        ),
      ),
    );
    expect(r.diagnostics).toEqual([]);
    if (!r.ok) return;
    const d = new Driver(r.definition);
    d.start();
    d.complete('accept', 'L');
    d.complete('a', 'A', 'back');
    expect(d.openElements()).toEqual(['accept@L']);
    d.complete('accept', 'L');
    expect(d.openElements()).toEqual(['a@A', 'b@B']);
  });
});

describe('a rejection path out of a parallel stage (驳回 → 补正 → 重新审查)', () => {
  const def = compiled(
    model(
      scope(
        'p',
        [
          start('s'),
          task('accept', 'L'),
          gateway('again', 'exclusive'),
          gateway('f', 'parallel'),
          task('fire', 'Fire'),
          gateway('fireOk', 'exclusive'),
          task('plan', 'Plan'),
          gateway('j', 'parallel'),
          messageCatch('supply', '补正材料'),
          task('decide', 'L'),
          end('e'),
        ],
        [
          ['s', 'accept'],
          ['accept', 'again'],
          ['again', 'f'],
          ['f', 'fire'],
          ['f', 'plan'],
          ['fire', 'fireOk'],
          ['fireOk', 'supply', 'outcome = "reject"'],
          ['fireOk', 'j'],
          ['plan', 'j'],
          ['supply', 'again'],
          ['j', 'decide'],
          ['decide', 'e'],
        ],
        { fireOk: 'j' },
      ),
    ),
  );

  it('closes the whole stage at once, waits for the materials outside it, then reviews again', () => {
    const d = new Driver(def);
    d.start();
    d.complete('accept', 'L');
    expect(d.openElements()).toEqual(['fire@Fire', 'plan@Plan']);
    const r = d.complete('fire', 'Fire', 'reject');
    expect(r.events.map((e) => `${e.type}:${e.elementId ?? ''}`)).toContain('task.cancelled:plan');
    expect(d.open()).toEqual([]);
    d.send({ type: 'message', name: '补正材料' });
    expect(d.openElements()).toEqual(['fire@Fire', 'plan@Plan']);
    d.complete('fire', 'Fire', 'approve');
    d.complete('plan', 'Plan', 'approve');
    expect(d.openElements()).toEqual(['decide@L']);
  });
});
