import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CompiledDefinition } from '../src/compile/index.js';
import type { TaskSign } from '../src/model/case.js';
import type { DecisionMode, UserTaskNode } from '../src/model/process.js';
import type { CaseSnapshot } from '../src/model/snapshot.js';
import { decide } from '../src/runtime/sign-operations.js';
import { type StepApplied, step } from '../src/runtime/step.js';
import type { Command } from '../src/runtime/types.js';
import { compiled, end, gateway, model, scope, start, task } from './support/ir.js';

const T0 = Date.parse('2026-03-02T09:00:00+08:00');
const H = 3_600_000;

/** start → review (规划局, with the given decision attributes) → outcome? → approved | denied. */
function definition(extra: Partial<UserTaskNode>): CompiledDefinition {
  return compiled(
    model(
      scope(
        'p',
        [
          start('s'),
          task('review', '规划局', extra),
          gateway('g', 'exclusive'),
          task('approved', '住建局', { role: 'lead' }),
          end('denied'),
          end('e'),
        ],
        [
          ['s', 'review'],
          ['review', 'g'],
          ['g', 'denied', 'outcome = "reject"'],
          ['g', 'approved'],
          ['approved', 'e'],
        ],
        { g: 'approved' },
      ),
    ),
  );
}

const people = (...ids: string[]) => ids.map((id) => ({ id, weight: 1 }));

class Case {
  snapshot: CaseSnapshot;
  at = T0;
  constructor(readonly def: CompiledDefinition) {
    const r = step(def, null, { type: 'start', caseId: 'k' }, T0);
    if (!r.ok) throw r.error;
    this.snapshot = r.snapshot;
  }
  get review() {
    return Object.values(this.snapshot.machine.context.tasks).find((t) => t.elementId === 'review');
  }
  send(command: Command): StepApplied {
    this.at += H;
    const r = step(this.def, this.snapshot, command, this.at);
    if (!r.ok) throw r.error;
    this.snapshot = JSON.parse(JSON.stringify(r.snapshot)) as CaseSnapshot;
    return r;
  }
  refusal(command: Command): string {
    const before = JSON.stringify(this.snapshot);
    const r = step(this.def, this.snapshot, command, this.at + H);
    expect(JSON.stringify(this.snapshot), 'a refused command changes nothing').toBe(before);
    return r.ok ? 'applied' : r.error.code;
  }
  sign(by: string, outcome: string, opinion?: string): Command {
    return {
      type: 'signTask',
      taskId: this.review?.id ?? 'gone',
      department: '规划局',
      outcome,
      actor: { id: by },
      ...(opinion ? { opinion } : {}),
    };
  }
  open(): string[] {
    return Object.values(this.snapshot.machine.context.tasks).map((t) => t.elementId);
  }
}

describe('或签 (any): the first signature decides', () => {
  it('completes the department task with that handler outcome and opinion', () => {
    const c = new Case(definition({ decisionMode: 'any', handlers: people('张', '李') }));
    const r = c.send(c.sign('李', 'approve', '同意'));
    expect(r.events.map((e) => e.type)).toEqual([
      'task.signed',
      'task.decided',
      'task.completed',
      'gateway.taken',
      'task.opened',
    ]);
    expect(r.events[1]?.data).toMatchObject({ mode: 'any', outcome: 'approve', decidedBy: '李' });
    expect(r.events[2]?.data).toMatchObject({ outcome: 'approve', opinion: '同意', actor: '李' });
    expect(c.open()).toEqual(['approved']);
  });
});

describe('会签 (all)', () => {
  it('waits for every handler, then approves', () => {
    const c = new Case(definition({ decisionMode: 'all', handlers: people('张', '李', '王') }));
    expect(c.send(c.sign('张', 'approve')).events.map((e) => e.type)).toEqual(['task.signed']);
    c.send(c.sign('王', 'approve'));
    expect(c.review?.signs?.map((s) => s.by)).toEqual(['张', '王']);
    const r = c.send(c.sign('李', 'approve'));
    expect(r.events.map((e) => e.type)).toContain('task.decided');
    expect(c.open()).toEqual(['approved']);
  });

  it('an early rejection decides at once: the case does not wait for the others (the FlowLong bug)', () => {
    const c = new Case(definition({ decisionMode: 'all', handlers: people('张', '李', '王') }));
    c.send(c.sign('张', 'approve'));
    const r = c.send(c.sign('李', 'reject', '不符合规划条件'));
    expect(r.events.map((e) => e.type)).toEqual([
      'task.signed',
      'task.decided',
      'task.completed',
      'gateway.taken',
      'case.completed',
    ]);
    expect(r.events[1]?.data).toMatchObject({ outcome: 'reject', signatures: 2, handlers: 3 });
    expect(c.snapshot.status).toBe('completed');
    expect(c.refusal(c.sign('王', 'approve'))).toBe('CASE_ENDED');
  });
});

describe('票签 (vote)', () => {
  it('is decided as soon as the approving weight reaches the pass ratio', () => {
    const c = new Case(
      definition({
        decisionMode: 'vote',
        handlers: [{ id: '科长', weight: 2 }, ...people('李', '王')],
        passRatio: 0.5,
      }),
    );
    const r = c.send(c.sign('科长', 'approve'));
    expect(r.events[1]).toMatchObject({
      type: 'task.decided',
      data: { outcome: 'approve', approvedWeight: 2, totalWeight: 4, passRatio: 0.5 },
    });
    expect(c.open()).toEqual(['approved']);
  });

  it('is decided reject as soon as the ratio can no longer be reached', () => {
    const c = new Case(
      definition({
        decisionMode: 'vote',
        handlers: [{ id: '科长', weight: 2 }, ...people('李', '王')],
        passRatio: 0.75,
      }),
    );
    expect(c.send(c.sign('李', 'reject')).events.map((e) => e.type)).toEqual(['task.signed']);
    const r = c.send(c.sign('王', 'reject'));
    expect(r.events[1]).toMatchObject({
      type: 'task.decided',
      data: { outcome: 'reject', rejectedWeight: 2 },
    });
    expect(c.snapshot.status).toBe('completed');
  });
});

describe('依次 (sequential)', () => {
  it('the next signer cannot sign before the previous one', () => {
    const c = new Case(definition({ decisionMode: 'sequential', handlers: people('科员', '科长', '局长') }));
    expect(c.refusal(c.sign('科长', 'approve'))).toBe('NOT_YOUR_TURN');
    c.send(c.sign('科员', 'approve'));
    expect(c.refusal(c.sign('局长', 'approve'))).toBe('NOT_YOUR_TURN');
    c.send(c.sign('科长', 'approve'));
    const r = c.send(c.sign('局长', 'approve'));
    expect(r.events.map((e) => e.type)).toContain('task.decided');
    expect(c.open()).toEqual(['approved']);
  });

  it('a rejection in the chain decides reject without the later signers', () => {
    const c = new Case(definition({ decisionMode: 'sequential', handlers: people('科员', '科长', '局长') }));
    c.send(c.sign('科员', 'reject'));
    expect(c.snapshot.status).toBe('completed');
  });
});

describe('permissions and run-time handlers', () => {
  it('refuses people outside the handlers, second signatures, plain completion and bad outcomes', () => {
    const c = new Case(definition({ decisionMode: 'all', handlers: people('张', '李') }));
    expect(c.refusal(c.sign('外人', 'approve'))).toBe('WRONG_ASSIGNEE');
    c.send(c.sign('张', 'approve'));
    expect(c.refusal(c.sign('张', 'approve'))).toBe('WRONG_CASE_STATE');
    expect(c.refusal(c.sign('李', 'maybe'))).toBe('BAD_COMMAND');
    expect(
      c.refusal({ type: 'completeTask', taskId: c.review!.id, department: '规划局', outcome: 'approve' }),
    ).toBe('WRONG_CASE_STATE');
    expect(c.refusal({ ...c.sign('李', 'approve'), department: '消防' } as Command)).toBe('WRONG_DEPARTMENT');
    expect(
      c.refusal({ type: 'assignHandlers', taskId: c.review!.id, department: '规划局', handlers: ['赵'] }),
    ).toBe('WRONG_CASE_STATE');
  });

  it('handlers given at run time, in order, with weights', () => {
    const c = new Case(definition({ decisionMode: 'vote', passRatio: 0.6 }));
    expect(c.refusal(c.sign('张', 'approve'))).toBe('WRONG_CASE_STATE');
    const r = c.send({
      type: 'assignHandlers',
      taskId: c.review!.id,
      department: '规划局',
      handlers: [{ id: '张', weight: 3 }, '李', '王'],
    });
    expect(r.events[0]).toMatchObject({
      type: 'task.handlersAssigned',
      data: { handlers: ['张:3', '李', '王'] },
    });
    c.send(c.sign('张', 'approve'));
    expect(c.open()).toEqual(['approved']);
  });

  it('claim one: only the claimant acts until they release it; claim, unclaim and claim again', () => {
    const c = new Case(definition({ claim: 'one', handlers: people('张', '李') }));
    const id = c.review!.id;
    const complete = (by: string): Command => ({
      type: 'completeTask',
      taskId: id,
      department: '规划局',
      outcome: 'approve',
      actor: { id: by },
    });
    const claim = (by: string): Command => ({
      type: 'claimTask',
      taskId: id,
      department: '规划局',
      actor: { id: by },
    });
    expect(c.refusal(complete('张'))).toBe('WRONG_ASSIGNEE');
    expect(c.refusal(claim('外人'))).toBe('WRONG_ASSIGNEE');
    expect(c.send(claim('张')).events[0]).toMatchObject({ type: 'task.claimed', data: { by: '张' } });
    expect(c.refusal(claim('李'))).toBe('WRONG_ASSIGNEE');
    expect(c.refusal(complete('李'))).toBe('WRONG_ASSIGNEE');
    expect(c.refusal({ type: 'unclaimTask', taskId: id, department: '规划局', actor: { id: '李' } })).toBe(
      'WRONG_ASSIGNEE',
    );
    c.send({ type: 'unclaimTask', taskId: id, department: '规划局', actor: { id: '张' }, reason: '出差' });
    expect(c.review?.claimedBy).toBeUndefined();
    c.send(claim('李'));
    c.send(complete('李'));
    expect(c.open()).toEqual(['approved']);
  });

  it('a task without tb:claim="one" takes no claims', () => {
    const c = new Case(definition({}));
    expect(
      c.refusal({ type: 'claimTask', taskId: c.review!.id, department: '规划局', actor: { id: '张' } }),
    ).toBe('WRONG_CASE_STATE');
  });

  it('the decider may recall the decision: the task reopens with the signatures before theirs', () => {
    const c = new Case(definition({ decisionMode: 'all', handlers: people('张', '李') }));
    c.send(c.sign('张', 'approve'));
    c.send(c.sign('李', 'approve'));
    expect(c.open()).toEqual(['approved']);
    expect(
      c.refusal({
        type: 'recall',
        elementId: 'review',
        department: '规划局',
        reason: 'r',
        actor: { id: '张' },
      }),
    ).toBe('WRONG_ASSIGNEE');
    c.send({
      type: 'recall',
      elementId: 'review',
      department: '规划局',
      reason: '意见有误',
      actor: { id: '李' },
    });
    expect(c.open()).toEqual(['review']);
    expect(c.review?.signs?.map((s) => s.by)).toEqual(['张']);
    c.send(c.sign('李', 'reject'));
    expect(c.snapshot.status).toBe('completed');
  });
});

describe('decision rules (property)', () => {
  const handlers = fc.uniqueArray(
    fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), weight: fc.integer({ min: 1, max: 5 }) }),
    { minLength: 1, maxLength: 6, selector: (h) => h.id },
  );
  const arbitrary = handlers.chain((hs) =>
    fc.record({
      handlers: fc.constant(hs),
      order: fc.shuffledSubarray(hs.map((h) => h.id)),
      outcomes: fc.array(fc.boolean(), { minLength: hs.length, maxLength: hs.length }),
      ratio: fc.integer({ min: 1, max: 100 }).map((n) => n / 100),
      mode: fc.constantFrom<DecisionMode>('any', 'all', 'vote', 'sequential'),
    }),
  );

  it('decides exactly when the mode says, and a decision never changes with later signatures', () => {
    fc.assert(
      fc.property(arbitrary, ({ handlers: hs, order, outcomes, ratio, mode }) => {
        const signs: TaskSign[] = [];
        let decided: string | null = null;
        order.forEach((by, i) => {
          if (decided !== null) return;
          signs.push({ by, outcome: outcomes[i] ? 'approve' : 'reject', at: i });
          const d = decide(mode, hs, signs, ratio);
          const total = hs.reduce((s, h) => s + h.weight, 0);
          const weightOf = (o: string) =>
            signs
              .filter((s) => s.outcome === o)
              .reduce((s, x) => s + (hs.find((h) => h.id === x.by)?.weight ?? 0), 0);
          const expected =
            mode === 'any'
              ? signs[0]!.outcome
              : mode === 'vote'
                ? weightOf('approve') >= ratio * total - 1e-9
                  ? 'approve'
                  : total - weightOf('reject') < ratio * total - 1e-9
                    ? 'reject'
                    : null
                : signs.some((s) => s.outcome === 'reject')
                  ? 'reject'
                  : signs.length === hs.length
                    ? 'approve'
                    : null;
          expect(d.outcome).toBe(expected);
          decided = d.outcome;
        });
        // With every handler signed, every mode has decided.
        if (order.length === hs.length) expect(decided).not.toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});
