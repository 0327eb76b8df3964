import { readFileSync } from 'node:fs';
import { type CompiledDefinition, compileBpmn, WHO_MAY } from '@tongban/engine';
import { getCalendar } from '@tongban/engine/calendar';
import { beforeAll, describe, expect, it } from 'vitest';
import { DryRun } from './dry-run.js';
import { formOperations, OPERATIONS } from './operations.js';
import { outcomesAfter, parseVariables } from './outcomes.js';

const example = new URL('../../../../examples/construction-permit/construction-permit.bpmn', import.meta.url);
const calendar = getCalendar('CN');
const at = (date: string, hour = 9) => calendar.startOfDay(date) + hour * 3_600_000;

describe('dry-run operations', () => {
  it('offers every command of the engine table, in the form or with its own control', () => {
    expect(Object.keys(OPERATIONS).sort()).toEqual(Object.keys(WHO_MAY).sort());
    expect(formOperations()).toEqual(
      expect.arrayContaining([
        'reject',
        'requestSupplement',
        'startSpecialProcedure',
        'transferTask',
        'addSigner',
        'recall',
        'suspendCase',
        'extend',
      ]),
    );
  });

  it('reads name=value variables, typed, and names what it cannot read', () => {
    expect(parseVariables('needPermit=true, area=1200，name="张三"\nnote=ok')).toEqual({
      variables: { needPermit: true, area: 1200, name: '张三', note: 'ok' },
      bad: [],
    });
    expect(parseVariables('oops, a=1').bad).toEqual(['oops']);
  });
});

describe('steering the construction-permit dry run', () => {
  let definition: CompiledDefinition;
  beforeAll(async () => {
    const compiled = await compileBpmn(readFileSync(example, 'utf8'));
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
    definition = compiled.definition;
  });

  async function atDecide(): Promise<DryRun> {
    const run = new DryRun(definition, at('2026-02-09'));
    await run.start();
    await run.complete(run.openTasks()[0]!, 'approve');
    for (const task of run.openTasks()) await run.complete(task, 'approve');
    expect(run.openTasks().map((t) => t.elementId)).toEqual(['Decide']);
    return run;
  }

  it('offers the outcomes the model branches on after a task, named by their flows', () => {
    expect(outcomesAfter(definition, 'Decide')).toEqual([{ outcome: 'deny', label: '不予许可' }]);
    expect(outcomesAfter(definition, 'FireReview')).toEqual([{ outcome: 'return', label: '退回补正' }]);
  });

  it('不同意 at 审批决定 runs 驳回: the case goes back, it does not end at 准予许可', async () => {
    const run = await atDecide();
    const decide = run.openTasks()[0]!;
    await run.execute(
      {
        type: 'reject',
        taskId: decide.id,
        department: decide.department ?? '',
        reason: '不同意',
        to: 'previous',
      },
      decide,
    );
    expect(run.events().some((e) => e.type === 'task.rejected')).toBe(true);
    expect(run.snapshot()?.status).not.toBe('completed');
    expect(run.path().nodes.has('Approved')).toBe(false);
  });

  it('the deny outcome ends at 不予许可, and the path shows the gateway going that way', async () => {
    const run = await atDecide();
    await run.complete(run.openTasks()[0]!, 'deny');
    expect(run.snapshot()?.status).toBe('completed');
    const path = run.path();
    expect(path.choices.get('Outcome')).toBe('Flow_Deny');
    expect(path.nodes.has('Denied')).toBe(true);
    expect(path.nodes.has('Approved')).toBe(false);
    expect(path.flows.has('Flow_Deny')).toBe(true);
    expect(path.flows.has('Flow_Approve')).toBe(false);
  });

  it('runs 补正, 特别程序 and 转办 as the engine commands, with the actor the who-may table allows', async () => {
    const run = new DryRun(definition, at('2026-02-09'));
    await run.start();
    await run.complete(run.openTasks()[0]!, 'approve');
    const fire = run.openTasks().find((t) => t.elementId === 'FireReview')!;
    const special = OPERATIONS.startSpecialProcedure;
    if (special.offered !== 'form') throw new Error('特别程序 is in the form');
    await run.execute(
      special.build({ task: fire, values: { kind: '专家评审' }, variables: null }) as never,
      fire,
    );
    expect(run.events().some((e) => e.type === 'task.specialProcedureStarted')).toBe(true);
    const planning = run.openTasks().find((t) => t.elementId === 'PlanningReview')!;
    await run.execute(
      {
        type: 'transferTask',
        taskId: planning.id,
        department: planning.department ?? '',
        to: '自然资源局',
        reason: '职责调整',
      },
      planning,
    );
    expect(run.openTasks().find((t) => t.elementId === 'PlanningReview')?.department).toBe('自然资源局');
    const lead = run.openTasks().find((t) => t.elementId === 'LeadReview')!;
    await run.execute(
      { type: 'requestSupplement', taskId: lead.id, department: lead.department ?? '', reason: '缺图纸' },
      lead,
    );
    expect(run.events().some((e) => e.type === 'supplement.requested')).toBe(true);
    await run.execute({ type: 'supply' });
    expect(run.events().some((e) => e.type === 'supplement.supplied')).toBe(true);
  });
});

describe('a dry run past the holiday data', () => {
  it('runs on, weekdays only, when the definition is marked provisional', async () => {
    const compiled = await compileBpmn(readFileSync(example, 'utf8'));
    if (!compiled.ok) throw new Error('example does not compile');
    const run = new DryRun({ ...compiled.definition, provisional: true }, at('2026-12-15'));
    await run.start();
    await run.complete(run.openTasks()[0]!, 'approve');
    expect(run.openTasks().length).toBe(4);
  });
});
