import { describe, expect, it } from 'vitest';
import type { CaseEvent } from '../src/model/events.js';
import {
  AccountabilityRuleError,
  CASE_COLUMNS,
  caseRecords,
  computeStatistics,
  csvField,
  DEFAULT_ACCOUNTABILITY_RULES,
  evaluateAccountability,
  parseAccountabilityRules,
  SUPERVISED_EVENT_TYPES,
  SUPERVISION_COLUMNS,
  SUPERVISION_KINDS,
  Supervision,
  type SupervisionPayload,
  supervisionKindOf,
  supervisionRecords,
  TASK_COLUMNS,
  taskRecords,
  toCsv,
} from '../src/supervision/index.js';

const bj = (iso: string): number => Date.parse(`${iso}+08:00`);

const late = (caseId: string, department: string, iso: string, over: number): CaseEvent => ({
  type: 'task.completed',
  at: bj(iso),
  caseId,
  taskId: `${caseId}-t`,
  department,
  role: 'co',
  data: { late: true, remainingWorkingDays: -over, dueAt: bj(iso) - 86_400_000, workingDaysUsed: 7 + over },
});

describe('accountability rules (效能责任追究)', () => {
  it('1–3 working days late → reminder; more → criticism; twice in a quarter → talk, once', () => {
    const events = [
      late('a', '消防', '2026-01-05T10:00:00', 1),
      late('b', '消防', '2026-02-05T10:00:00', 5),
      late('c', '消防', '2026-03-05T10:00:00', 3),
      late('d', '规划', '2026-03-31T10:00:00', 2),
      late('e', '规划', '2026-04-01T10:00:00', 2),
      { ...late('f', '规划', '2026-04-02T10:00:00', 0), data: { late: false, remainingWorkingDays: 2 } },
    ];
    const firings = evaluateAccountability(events.reverse());
    expect(firings.map((f) => [f.ruleId, f.department, f.caseId, f.level, f.quarter])).toEqual([
      ['ACC-OVERDUE-1-3', '消防', 'a', 'reminder', '2026Q1'],
      ['ACC-OVERDUE-4', '消防', 'b', 'criticism', '2026Q1'],
      ['ACC-REPEAT-Q', '消防', 'b', 'talk', '2026Q1'],
      ['ACC-OVERDUE-1-3', '消防', 'c', 'reminder', '2026Q1'],
      ['ACC-OVERDUE-1-3', '规划', 'd', 'reminder', '2026Q1'],
      // Beijing quarters: 04-01 is the next quarter, so 规划 is not yet repeated.
      ['ACC-OVERDUE-1-3', '规划', 'e', 'reminder', '2026Q2'],
    ]);
  });

  it('are JSON data, checked when loaded', () => {
    const json = JSON.parse(JSON.stringify(DEFAULT_ACCOUNTABILITY_RULES)) as unknown;
    expect(parseAccountabilityRules(json)).toHaveLength(3);
    const overdueReply = parseAccountabilityRules([
      { id: 'R9', name: '督办逾期', level: 'criticism', when: { kind: 'supervisionOverdue' } },
    ]);
    const fired = evaluateAccountability(
      [
        {
          type: 'supervision.overdue',
          at: bj('2026-05-06T00:00:00'),
          caseId: 'x',
          department: '环保',
          data: {},
        },
      ],
      overdueReply,
    );
    expect(fired).toMatchObject([{ ruleId: 'R9', department: '环保', level: 'criticism' }]);
    expect(() =>
      parseAccountabilityRules([
        { id: 'R1', name: 'x', level: 'y', when: { kind: 'overdue', scope: 'task', minWorkingDays: 0 } },
      ]),
    ).toThrow(AccountabilityRuleError);
    expect(() =>
      parseAccountabilityRules([
        { id: 'R1', name: 'x', level: 'y', when: { kind: 'repeated', of: ['R2'], count: 2, per: 'quarter' } },
      ]),
    ).toThrow(/unknown rule R2/);
  });
});

describe('CSV', () => {
  it('quotes commas, quotes and newlines, keeps Chinese as is, ends lines with CRLF', () => {
    expect(csvField('建筑工程施工许可证核发')).toBe('建筑工程施工许可证核发');
    expect(csvField('甲,乙')).toBe('"甲,乙"');
    expect(csvField('他说"同意"')).toBe('"他说""同意"""');
    expect(csvField('第一行\n第二行')).toBe('"第一行\n第二行"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
    expect(csvField(null)).toBe('');
    expect(csvField(0)).toBe('0');
    const csv = toCsv(['办件编号', '督办内容'], [{ 办件编号: 'c1', 督办内容: '请于"周五"前, 办结\n谢谢' }], {
      bom: true,
    });
    expect(csv).toBe('\uFEFF办件编号,督办内容\r\nc1,"请于""周五""前, 办结\n谢谢"\r\n');
  });
});

describe('GB/T 39046 exports', () => {
  const events: CaseEvent[] = [
    {
      type: 'case.started',
      at: bj('2026-03-02T09:00:00'),
      caseId: 'c1',
      data: { actor: '窗口-张', window: '3号窗口', dueAt: bj('2026-03-31T00:00:00') },
    },
    {
      type: 'task.opened',
      at: bj('2026-03-02T09:00:00'),
      caseId: 'c1',
      taskId: 't1',
      elementId: 'Review',
      department: '住建局',
      role: 'lead',
      data: { dueAt: bj('2026-03-10T00:00:00') },
    },
    {
      type: 'task.specialProcedureStarted',
      at: bj('2026-03-03T09:00:00'),
      caseId: 'c1',
      taskId: 't1',
      department: '住建局',
      data: { kind: '专家评审', reason: '论证' },
    },
    {
      type: 'task.urged',
      at: bj('2026-03-04T09:00:00'),
      caseId: 'c1',
      taskId: 't1',
      department: '住建局',
      data: { message: '请加快, 谢谢', actor: '监察-陈' },
    },
    {
      type: 'case.supervised',
      at: bj('2026-03-05T09:00:00'),
      caseId: 'c1',
      department: '住建局',
      data: {
        supervisionId: '督办#9',
        message: '说明情况',
        dueAt: bj('2026-03-10T00:00:00'),
        actor: '监察-陈',
        ruleId: 'ACC-OVERDUE-4',
      },
    },
    {
      type: 'supervision.answered',
      at: bj('2026-03-06T15:30:00'),
      caseId: 'c1',
      department: '住建局',
      data: { supervisionId: '督办#9', answer: '已处理' },
    },
    {
      type: 'light.changed',
      at: bj('2026-03-09T00:00:00'),
      caseId: 'c1',
      taskId: 't1',
      department: '住建局',
      data: {
        clock: 'task',
        from: 'green',
        to: 'yellow',
        dueAt: bj('2026-03-10T00:00:00'),
        remainingWorkingDays: 1,
      },
    },
    {
      type: 'task.completed',
      at: bj('2026-03-11T10:00:00'),
      caseId: 'c1',
      taskId: 't1',
      elementId: 'Review',
      department: '住建局',
      role: 'lead',
      data: {
        actor: '科员-李',
        outcome: 'approve',
        opinion: '同意',
        dueAt: bj('2026-03-10T00:00:00'),
        late: true,
        remainingWorkingDays: -1,
        workingDaysUsed: 7,
      },
    },
    {
      type: 'case.completed',
      at: bj('2026-03-11T10:00:00'),
      caseId: 'c1',
      data: { dueAt: bj('2026-03-31T00:00:00'), late: false, remainingWorkingDays: 14, workingDaysUsed: 7 },
    },
  ];

  it('cases carry 受理时间, 承诺办结时间, 办结时间, 办件类型 and 特别程序种类 in Beijing time', () => {
    const [record] = caseRecords(events, {
      matterOf: () => ({
        code: '000172007000',
        name: '建筑工程施工许可证核发',
        kind: 'promised',
        legalLimit: { amount: 20, unit: 'workingDays' },
        promisedLimit: { amount: 20, unit: 'workingDays' },
        warning: null,
        extensionCap: null,
        calendar: null,
      }),
    });
    expect(Object.keys(record ?? {})).toEqual([...CASE_COLUMNS]);
    expect(record).toMatchObject({
      办件编号: 'c1',
      事项基本编码: '000172007000',
      办件类型: '2',
      承诺办结时限: 20,
      承诺办结时限单位: '工作日',
      受理时间: '2026-03-02 09:00:00',
      受理窗口: '3号窗口',
      牵头部门: '住建局',
      承诺办结时间: '2026-03-31 00:00:00',
      办结时间: '2026-03-11 10:00:00',
      办件状态: '办结',
      是否超期: '0',
      已用工作日: 7,
      特别程序种类: '2',
    });
  });

  it('tasks carry 环节办理状态 (2 已办) and lateness; supervision records carry 督办内容 and rule ids', () => {
    const tasks = taskRecords(events);
    expect(Object.keys(tasks[0] ?? {})).toEqual([...TASK_COLUMNS]);
    expect(tasks[0]).toMatchObject({
      环节办理状态: '2',
      办理人: '科员-李',
      是否超期: '1',
      超期工作日: 1,
      特别程序种类: '2',
    });
    expect(taskRecords(events.slice(0, 3))[0]).toMatchObject({ 环节办理状态: '1', 环节办结时间: null });
    const records = supervisionRecords(events);
    for (const record of records) expect(Object.keys(record)).toEqual([...SUPERVISION_COLUMNS]);
    expect(
      records.map((r) => [r.督办类型, r.督办内容, r.督办发出时间, r.监察规则编号, r.监察预警类型代码]),
    ).toEqual([
      ['催办', '请加快, 谢谢', '2026-03-04 09:00:00', null, null],
      ['督办', '说明情况', '2026-03-05 09:00:00', 'ACC-OVERDUE-4', null],
      ['黄灯', '环节临近办理时限', '2026-03-09 00:00:00', 'TIME-YELLOW', '1'],
    ]);
    expect(records[1]).toMatchObject({
      回复内容: '已处理',
      回复时间: '2026-03-06 15:30:00',
      回复期限: '2026-03-10 00:00:00',
    });
  });
});

describe('supervision kinds', () => {
  it('every kind but rule.fired is fed by some engine event; unwatched events give no payload', async () => {
    const fed = new Set(
      SUPERVISED_EVENT_TYPES.map((type) => supervisionKindOf({ type: type as CaseEvent['type'] })),
    );
    expect(SUPERVISION_KINDS.filter((kind) => !fed.has(kind))).toEqual(['rule.fired']);
    expect(supervisionKindOf({ type: 'timer.set' })).toBeNull();
    const supervision = new Supervision();
    const seen: SupervisionPayload[] = [];
    supervision.on('extended', (p) => void seen.push(p), { department: '住建局' });
    const extended: CaseEvent = {
      type: 'task.extended',
      at: bj('2026-03-05T09:00:00'),
      caseId: 'c1',
      taskId: 't1',
      department: '住建局',
      role: 'lead',
      data: { days: 10, reason: '专家论证', approver: '局长-王' },
    };
    expect(await supervision.publish({ ...extended, type: 'timer.set' })).toBeNull();
    await supervision.publish({ ...extended, department: '消防' });
    await supervision.publish(extended);
    expect(seen).toMatchObject([{ kind: 'extended', message: '专家论证', actor: '局长-王', clock: 'task' }]);
    const rows = computeStatistics([extended], { from: 0, to: bj('2027-01-01T00:00:00'), by: 'staff' });
    expect(rows).toMatchObject([{ key: '局长-王', extensions: 1 }]);
  });
});
