import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompiledDefinition } from '../src/compile/index.js';
import type { Actor, TaskRecord } from '../src/model/case.js';
import { CommandError } from '../src/runtime/command-error.js';
import { MemoryRuntime } from '../src/runtime/memory-runtime.js';
import {
  computeStatistics,
  evaluateAccountability,
  firingPayload,
  Supervision,
  type SupervisionPayload,
} from '../src/supervision/index.js';
import { compileBpmn } from '../src/validate.js';

const bj = (iso: string): number => Date.parse(`${iso}+08:00`);
const SUPERVISOR: Actor = { id: '监察室-陈', kind: 'supervisor' };
const WINDOW: Actor = { id: '窗口-张', kind: 'staff', department: '政务服务中心3号窗口' };

let definition: CompiledDefinition;
beforeAll(async () => {
  const xml = readFileSync(join(import.meta.dirname, 'fixtures', 'construction-permit.bpmn'), 'utf8');
  const compiled = await compileBpmn(xml);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
  definition = compiled.definition;
});

/** One construction-permit case on a manual clock, with every supervision payload recorded. */
function scenario() {
  let now = bj('2026-03-02T09:00:00');
  const runtime = new MemoryRuntime({ clock: () => now });
  runtime.deploy(definition);
  const supervision = new Supervision();
  const seen: SupervisionPayload[] = [];
  supervision.on('*', (payload) => {
    seen.push(payload);
  });
  supervision.attach(runtime, (event) => ({ definition, snapshot: runtime.snapshot(event.caseId) }));
  const task = (elementId: string): TaskRecord => {
    const found = runtime.openTasksNow('c1').find((t) => t.elementId === elementId);
    if (!found) throw new Error(`no open ${elementId}`);
    return found;
  };
  const at = async (iso: string): Promise<void> => {
    now = bj(iso);
    await runtime.runDueTimers(now);
  };
  const complete = async (elementId: string, iso: string, actor = `${elementId}-经办人`) => {
    await at(iso);
    const open = task(elementId);
    await runtime.execute('c1', {
      type: 'completeTask',
      taskId: open.id,
      department: open.department ?? '',
      outcome: 'approve',
      actor: { id: actor, kind: 'staff', department: open.department ?? '' },
    });
  };
  return { runtime, supervision, seen, task, at, complete };
}

describe('supervision hooks on a running case', () => {
  it('fire with the case, matter, department, due, working days left and the rule', async () => {
    const s = scenario();
    const redFire: SupervisionPayload[] = [];
    s.supervision.on('light.changed', (p) => void redFire.push(p), {
      light: 'red',
      department: '消防救援支队',
    });

    await s.runtime.start(definition.hash, { caseId: 'c1', actor: WINDOW });
    const accepted = s.seen.find((p) => p.kind === 'case.accepted');
    expect(accepted).toMatchObject({
      caseId: 'c1',
      matter: { code: '000172007000', name: '建筑工程施工许可证核发' },
      department: '住房和城乡建设局',
      role: 'lead',
      clock: 'case',
      due: bj('2026-03-31T00:00:00'),
      // People read the last day: due is its next midnight, the first overdue instant.
      lastDay: '2026-03-30',
      remainingWorkingDays: 20,
      light: 'green',
      actor: '窗口-张',
    });

    await s.complete('Accept', '2026-03-02T10:00:00');
    const opened = s.seen.filter((p) => p.kind === 'task.opened').map((p) => p.department);
    expect(opened).toEqual(
      expect.arrayContaining(['住房和城乡建设局', '自然资源和规划局', '消防救援支队', '人民防空办公室']),
    );
    await s.complete('AirDefenceReview', '2026-03-05T10:00:00');
    await s.complete('LeadReview', '2026-03-13T09:00:00');

    // Nobody touches the case: the co-handlers' lights turn on their own timers.
    await s.at('2026-03-13T10:00:00');
    const lights = s.seen.filter((p) => p.kind === 'light.changed' && p.department === '消防救援支队');
    expect(lights.map((p) => [p.previousLight, p.light, p.ruleId, p.remainingWorkingDays])).toEqual([
      ['green', 'yellow', 'TIME-YELLOW', 1],
      ['yellow', 'red', 'TIME-RED', -1],
    ]);
    expect(lights.map((p) => p.at)).toEqual([bj('2026-03-10T00:00:00'), bj('2026-03-12T00:00:00')]);
    expect(lights[1]).toMatchObject({
      clock: 'task',
      role: 'co',
      due: bj('2026-03-12T00:00:00'),
      lastDay: '2026-03-11',
    });
    expect(redFire).toEqual([lights[1]]);

    // 催办 and 督办 from the supervisor; the 督办 goes unanswered past its reply deadline.
    await s.runtime.execute('c1', {
      type: 'urge',
      taskId: s.task('FireReview').id,
      message: '请于本周内办结',
      actor: SUPERVISOR,
    });
    await s.runtime.execute('c1', {
      type: 'supervise',
      department: '消防救援支队',
      message: '说明超期原因',
      replyWithin: 2,
      ruleId: 'ACC-OVERDUE-4',
      actor: SUPERVISOR,
    });
    expect(s.seen.find((p) => p.kind === 'urged')).toMatchObject({
      department: '消防救援支队',
      message: '请于本周内办结',
      actor: '监察室-陈',
      due: bj('2026-03-12T00:00:00'),
      remainingWorkingDays: -2,
    });
    expect(s.seen.find((p) => p.kind === 'supervised')).toMatchObject({
      department: '消防救援支队',
      due: bj('2026-03-18T00:00:00'),
      ruleId: 'ACC-OVERDUE-4',
    });
    await s.complete('PlanningReview', '2026-03-16T10:00:00');
    await s.at('2026-03-18T09:00:00');
    expect(s.seen.find((p) => p.kind === 'supervision.overdue')).toMatchObject({
      department: '消防救援支队',
      at: bj('2026-03-18T00:00:00'),
      ruleId: 'ACC-OVERDUE-4',
    });
    const order = Object.keys(s.runtime.snapshot('c1').machine.context.supervisions)[0] ?? '';
    await s.runtime.execute('c1', {
      type: 'answerSupervision',
      supervisionId: order,
      department: '消防救援支队',
      answer: '已补充现场核查',
    });
    expect(s.seen.find((p) => p.kind === 'supervision.answered')).toMatchObject({
      message: '已补充现场核查',
      department: '消防救援支队',
    });

    await s.complete('FireReview', '2026-03-19T10:00:00');
    expect(
      s.seen.filter((p) => p.kind === 'task.completed').map((p) => [p.department, p.remainingWorkingDays]),
    ).toEqual([
      ['住房和城乡建设局', 1],
      ['人民防空办公室', 4],
      ['住房和城乡建设局', 1],
      ['自然资源和规划局', -3],
      ['消防救援支队', -6],
    ]);
    await s.complete('Decide', '2026-03-20T10:00:00', '局长-王');
    expect(s.seen.at(-1)).toMatchObject({
      kind: 'case.decided',
      department: '住房和城乡建设局',
      due: bj('2026-03-31T00:00:00'),
      remainingWorkingDays: 6,
    });
    expect(s.runtime.events('c1').at(-1)?.data).toMatchObject({ late: false, workingDaysUsed: 14 });

    // The statistics and the accountability rules over the same history.
    const events = s.runtime.events('c1');
    const all = { from: 0, to: bj('2027-01-01T00:00:00') };
    const byDepartment = computeStatistics(events, { ...all, by: 'department' });
    expect(byDepartment.find((r) => r.key === '消防救援支队')).toMatchObject({
      received: 1,
      completed: 1,
      completedOnTime: 0,
      overdue: 1,
      workingDaysOver: 6,
      urges: 1,
      supervisions: 1,
    });
    expect(byDepartment.find((r) => r.key === '住房和城乡建设局')).toMatchObject({
      received: 3,
      completed: 3,
      completedEarly: 3,
      overdue: 0,
    });
    const byMatter = computeStatistics(events, { ...all, by: 'matter', matterOf: () => '000172007000' });
    expect(byMatter).toEqual([
      expect.objectContaining({
        key: '000172007000',
        received: 1,
        completed: 1,
        completedEarly: 1,
        averageWorkingDaysUsed: 14,
      }),
    ]);
    expect(computeStatistics(events, { ...all, by: 'window' })[0]?.key).toBe('政务服务中心3号窗口');
    expect(computeStatistics(events, { ...all, by: 'department' }).map((row) => row.key)).toContain(
      '消防救援支队',
    );

    const firings = evaluateAccountability(events);
    expect(firings.map((f) => [f.ruleId, f.department, f.workingDaysOver, f.level])).toEqual([
      ['ACC-OVERDUE-1-3', '自然资源和规划局', 3, 'reminder'],
      ['ACC-OVERDUE-4', '消防救援支队', 6, 'criticism'],
    ]);
    const fired: SupervisionPayload[] = [];
    s.supervision.on('rule.fired', (p) => void fired.push(p), { department: '消防救援支队' });
    for (const firing of firings) await s.supervision.dispatch(firingPayload(firing));
    expect(fired.map((p) => p.ruleId)).toEqual(['ACC-OVERDUE-4']);
  });
});

describe('what a supervisor and a department may do', () => {
  const refusal = async (run: () => Promise<unknown>): Promise<string> => {
    try {
      await run();
    } catch (error) {
      if (error instanceof CommandError) return error.code;
      throw error;
    }
    return 'applied';
  };

  it('a supervisor can urge and supervise, and nothing else', async () => {
    const s = scenario();
    await s.runtime.start(definition.hash, { caseId: 'c1', actor: WINDOW });
    const accept = s.task('Accept');
    const before = s.runtime.events('c1').length;
    for (const command of [
      { type: 'completeTask', taskId: accept.id, department: '住房和城乡建设局', actor: SUPERVISOR },
      { type: 'suspendCase', reason: '监察', actor: SUPERVISOR },
      { type: 'withdraw', reason: '监察', actor: SUPERVISOR },
      {
        type: 'transferTask',
        taskId: accept.id,
        department: '住房和城乡建设局',
        to: '监察室',
        reason: 'x',
        actor: SUPERVISOR,
      },
    ] as const) {
      expect(await refusal(() => s.runtime.execute('c1', command as never)), command.type).toBe('FORBIDDEN');
    }
    expect(s.runtime.events('c1')).toHaveLength(before);
    expect(
      await refusal(() => s.runtime.execute('c1', { type: 'urge', message: '请加快', actor: SUPERVISOR })),
    ).toBe('applied');
    expect(
      await refusal(() =>
        s.runtime.execute('c1', {
          type: 'supervise',
          department: '住房和城乡建设局',
          message: '请说明',
          replyWithin: 3,
          actor: SUPERVISOR,
        }),
      ),
    ).toBe('applied');
    // Only a supervisor gives a 督办; a department's staff cannot.
    expect(
      await refusal(() =>
        s.runtime.execute('c1', {
          type: 'supervise',
          department: '消防救援支队',
          message: 'x',
          replyWithin: 1,
          actor: { id: '张', kind: 'staff', department: '住房和城乡建设局' },
        }),
      ),
    ).toBe('FORBIDDEN');
  });

  it('a department cannot touch another department’s task or answer its 督办', async () => {
    const s = scenario();
    await s.runtime.start(definition.hash, { caseId: 'c1', actor: WINDOW });
    await s.complete('Accept', '2026-03-02T10:00:00');
    const fire = s.task('FireReview');
    expect(
      await refusal(() =>
        s.runtime.execute('c1', { type: 'completeTask', taskId: fire.id, department: '自然资源和规划局' }),
      ),
    ).toBe('WRONG_DEPARTMENT');
    expect(s.task('FireReview').id).toBe(fire.id);
    await s.runtime.execute('c1', {
      type: 'supervise',
      department: '消防救援支队',
      message: '请说明',
      replyWithin: 2,
      actor: SUPERVISOR,
    });
    const order = Object.keys(s.runtime.snapshot('c1').machine.context.supervisions)[0] ?? '';
    expect(
      await refusal(() =>
        s.runtime.execute('c1', {
          type: 'answerSupervision',
          supervisionId: order,
          department: '自然资源和规划局',
          answer: '不是我们',
        }),
      ),
    ).toBe('WRONG_DEPARTMENT');
    expect(s.runtime.snapshot('c1').machine.context.supervisions[order]).toBeDefined();
  });
});
