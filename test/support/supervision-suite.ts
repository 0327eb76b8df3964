// The supervision suite every store runs: board, statistics reconciliation, hooks through the outbox.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  countBoard,
  DurableRuntime,
  exportRecords,
  HookRegistry,
  loadPayloadContext,
  OutboxDispatcher,
  queryBoard,
  queryStatistics,
  rollUpStatistics,
  supervisionHook,
  type TongbanStore,
  verifyWebhookSignature,
  type WebhookBody,
  webhookHook,
} from '@tongban/adapters';
import {
  type CaseEvent,
  type CaseSnapshot,
  type Command,
  CommandError,
  type StatisticsDimension,
  type SupervisionPayload,
} from '@tongban/engine';
import { computeStatistics, Supervision } from '@tongban/engine/supervision';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreFactory } from './adapters-databases.js';
import { timedParallel, timedSingle } from './supervision-models.js';

const bj = (iso: string): number => Date.parse(`${iso}+08:00`);
const T0 = bj('2026-03-02T09:00:00'); // a Monday
const HOUR = 3_600_000;
const SUPERVISOR = { id: '监察室-陈', kind: 'supervisor' } as const;
const OFFICER = { id: '督查科-周', kind: 'officer' } as const;
const DIMENSIONS: readonly StatisticsDimension[] = ['matter', 'department', 'staff', 'window'];

/** Raw SQL on the store's own driver. */
async function rows<Row>(store: TongbanStore, text: string, params: unknown[] = []): Promise<Row[]> {
  if (store.driver.kind === 'pglite') return (await store.driver.client.query<Row>(text, params)).rows;
  return (await store.driver.pool.query(text, params)).rows as Row[];
}

/** Everything the suite needs around one store. */
class Harness {
  at = T0;
  readonly parallel = timedParallel();
  readonly single = timedSingle();
  readonly runtime: DurableRuntime;

  constructor(
    readonly store: TongbanStore,
    hooks?: HookRegistry,
  ) {
    this.runtime = new DurableRuntime({
      store,
      clock: () => this.at,
      cacheSize: 0,
      ...(hooks ? { hooks } : {}),
    });
  }

  async deploy(): Promise<void> {
    await this.runtime.deploy(this.parallel);
    await this.runtime.deploy(this.single);
  }

  async wipe(): Promise<void> {
    const tables = ['outbox', 'timers', 'tasks', 'events', 'commands', 'cases'];
    for (const table of [...tables, 'statistics_days', 'statistics_rollup'])
      await rows(this.store, `delete from ${table}`);
  }

  /** Fires the case's due timers up to `until`, each at its own due instant, then sets the clock there. */
  async advance(caseId: string, until: number): Promise<void> {
    for (;;) {
      const [next] = await rows<{ timer_id: string; due_at: string | number }>(
        this.store,
        `select timer_id, due_at from timers where case_id = $1 and fired_at is null
          and due_at <= $2::bigint order by due_at, timer_id limit 1`,
        [caseId, until],
      );
      if (next === undefined) break;
      this.at = Math.max(this.at, Number(next.due_at));
      await this.runtime.fireTimer(caseId, next.timer_id);
    }
    this.at = Math.max(this.at, until);
  }

  async openTasks(caseId: string) {
    return (await this.runtime.tasks(caseId)).filter((t) => t.status === 'open' && t.kind === 'user');
  }

  async complete(caseId: string, elementId: string, staff = '经办人'): Promise<void> {
    const task = (await this.openTasks(caseId)).find((t) => t.elementId === elementId);
    if (!task) throw new Error(`${caseId}: ${elementId} is not open`);
    await this.runtime.execute(caseId, {
      type: 'completeTask',
      taskId: task.taskId,
      department: task.department ?? '',
      outcome: 'approve',
      actor: { id: staff, kind: 'staff', department: task.department ?? '' },
    });
  }

  async allEvents(): Promise<CaseEvent[]> {
    const found = await rows<{ payload: CaseEvent }>(
      this.store,
      'select payload from events order by case_id, seq',
    );
    return found.map((row) => row.payload);
  }

  async matters(): Promise<Map<string, string | null>> {
    const found = await rows<{ id: string; matter_code: string | null }>(
      this.store,
      'select id, matter_code from cases',
    );
    return new Map(found.map((row) => [row.id, row.matter_code]));
  }
}

type Step = { hours: number; action: string; pick: number; staff: string };
type Script = { single: boolean; offsetHours: number; window: string | null; steps: Step[] };

const stepArb = fc.record({
  hours: fc.integer({ min: 1, max: 60 }),
  action: fc.constantFrom(
    'complete',
    'complete',
    'complete',
    'urge',
    'supervise',
    'answer',
    'suspend',
    'resume',
    'special',
    'withdraw',
    'wait',
  ),
  pick: fc.nat({ max: 1000 }),
  staff: fc.constantFrom('甲', '乙', '丙'),
});
const scriptArb = fc.record({
  single: fc.boolean(),
  offsetHours: fc.integer({ min: 0, max: 24 * 40 }),
  window: fc.constantFrom('1号窗口', '2号窗口', null),
  steps: fc.array(stepArb, { maxLength: 10 }),
});

/** Runs one random case; commands the engine refuses are part of the game and skipped. */
async function play(
  h: Harness,
  caseId: string,
  script: Script,
  afterStep: () => Promise<void> = async () => {},
): Promise<void> {
  h.at = T0 + script.offsetHours * HOUR;
  const definition = script.single ? h.single : h.parallel;
  await h.runtime.start(definition.hash, {
    type: 'start',
    caseId,
    actor: {
      id: `窗口-${script.steps[0]?.staff ?? '甲'}`,
      kind: 'staff',
      ...(script.window ? { department: script.window } : {}),
    },
  });
  for (const step of script.steps) {
    await h.advance(caseId, h.at + step.hours * HOUR);
    const row = await h.runtime.getCase(caseId);
    if (!row || !['running', 'suspended', 'pending', 'returned'].includes(row.status)) return;
    const open = await h.openTasks(caseId);
    const task = open[step.pick % Math.max(1, open.length)];
    const snapshot = row.snapshot as CaseSnapshot;
    const orders = Object.values(snapshot.machine.context.supervisions);
    let command: Command | null = null;
    switch (step.action) {
      case 'complete':
        if (task) {
          const actor = { id: step.staff, kind: 'staff' as const, department: task.department ?? '' };
          command = {
            type: 'completeTask',
            taskId: task.taskId,
            department: task.department ?? '',
            outcome: 'approve',
            actor,
          };
        }
        break;
      case 'urge':
        command = {
          type: 'urge',
          message: '请加快办理',
          actor: SUPERVISOR,
          ...(task ? { taskId: task.taskId } : {}),
        };
        break;
      case 'supervise':
        command = {
          type: 'supervise',
          department: task?.department ?? '住建局',
          message: '说明情况',
          replyWithin: 1 + (step.pick % 2),
          actor: SUPERVISOR,
        };
        break;
      case 'answer':
        if (orders[0])
          command = {
            type: 'answerSupervision',
            supervisionId: orders[0].id,
            department: orders[0].department,
            answer: '已处理',
            actor: { id: step.staff, kind: 'staff' },
          };
        break;
      case 'suspend':
        command = { type: 'suspendCase', reason: '听证', actor: OFFICER };
        break;
      case 'resume':
        command = { type: 'resumeCase', actor: OFFICER };
        break;
      case 'special':
        if (task)
          command = {
            type: 'startSpecialProcedure',
            taskId: task.taskId,
            department: task.department ?? '',
            kind: '专家评审',
            reason: '论证',
          };
        break;
      case 'withdraw':
        if (step.pick % 4 === 0) command = { type: 'withdraw', reason: '申请人撤回' };
        break;
    }
    if (command === null) continue;
    try {
      await h.runtime.execute(caseId, command);
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
    }
    await afterStep();
  }
}

async function listen(
  handler: (request: IncomingMessage, body: string) => number,
): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      response.statusCode = handler(request, body);
      response.end(response.statusCode < 300 ? 'ok' : 'try again');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/tongban` };
}

/** Defines the supervision tests for one store (null: skipped, with the reason in the label). */
export function defineSupervisionSuite(label: string, factory: StoreFactory | null): void {
  describe.skipIf(factory === null)(label, () => {
    let store: TongbanStore;
    let h: Harness;
    beforeAll(async () => {
      store = await (factory as StoreFactory)();
      h = new Harness(store);
      await h.deploy();
    });
    afterAll(async () => {
      await store?.close();
    });

    it('keeps the ranking columns (tasks.light, tasks.urgency, cases.task_due) equal to the snapshot', async () => {
      await h.wipe();
      const RANK: Record<string, number> = { red: 0, yellow: 1, green: 2 };
      // What the worklist and the board rank by, read back against the snapshot the same write left.
      const columns = async (caseId: string) => {
        const tasks = await rows<{
          element_id: string;
          light: string | null;
          urgency: number;
          snapshot_light: string | null;
          case_light: string | null;
        }>(
          h.store,
          `select t.element_id, t.light, t.urgency, c.light as case_light,
              c.snapshot #>> array['machine', 'context', 'lights', t.task_id] as snapshot_light
            from tasks t join cases c on c.id = t.case_id
            where t.case_id = $1 and t.status = 'open' order by t.element_id`,
          [caseId],
        );
        for (const task of tasks) {
          expect(task.light, task.element_id).toBe(task.snapshot_light);
          expect(task.urgency, task.element_id).toBe(RANK[task.snapshot_light ?? task.case_light ?? ''] ?? 3);
        }
        const [due] = await rows<{ task_due: string | null; nearest: string | null }>(
          h.store,
          `select task_due, (select min(due_at) from tasks where case_id = $1 and status = 'open') as nearest
            from cases where id = $1`,
          [caseId],
        );
        expect(due?.task_due).toBe(due?.nearest);
        return Object.fromEntries(tasks.map((task) => [task.element_id, [task.light, task.urgency]]));
      };
      h.at = T0;
      await h.runtime.start(h.parallel.hash, { type: 'start', caseId: 'lights' });
      // env_review has no clock: it shows (and ranks by) the case light.
      expect(await columns('lights')).toEqual({
        env_review: [null, 2],
        fire_review: ['green', 2],
        lead_review: ['green', 2],
      });
      // The light timers turn fire_review yellow, then red: no task row changes but its light.
      await h.advance('lights', bj('2026-03-03T10:00:00'));
      expect((await columns('lights')).fire_review).toEqual(['yellow', 1]);
      await h.advance('lights', bj('2026-03-05T10:00:00'));
      expect(await columns('lights')).toMatchObject({ fire_review: ['red', 0], lead_review: ['yellow', 1] });
      await h.complete('lights', 'fire_review', '消防-王');
      expect(Object.keys(await columns('lights'))).toEqual(['env_review', 'lead_review']);
      // 撤回: the completed fire_review opens again, with its own light.
      await h.runtime.execute('lights', {
        type: 'recall',
        elementId: 'fire_review',
        department: '消防救援支队',
        reason: '意见填错',
        actor: { id: '消防-王', kind: 'staff', department: '消防救援支队' },
      });
      expect(Object.keys(await columns('lights'))).toEqual(['env_review', 'fire_review', 'lead_review']);
      await h.runtime.execute('lights', { type: 'suspendCase', reason: '等待补充材料', actor: OFFICER });
      await columns('lights');
      h.at = bj('2026-03-09T10:00:00');
      await h.runtime.execute('lights', { type: 'resumeCase', actor: OFFICER });
      await h.advance('lights', bj('2026-03-09T11:00:00'));
      await columns('lights');
      await h.advance('lights', bj('2026-03-16T10:00:00'));
      expect(Object.values(await columns('lights')).map(([, urgency]) => urgency)).toContain(0);
      await h.complete('lights', 'lead_review');
      await h.complete('lights', 'fire_review');
      await h.complete('lights', 'env_review');
      expect(Object.keys(await columns('lights'))).toEqual(['decide']);
    });

    it('the board lists open cases most urgent first, with lights, deadlines and days left', async () => {
      await h.wipe();
      // b: accepted first, its fire review overdue by the board's time; a: later, all green;
      // c: single step, its case deadline nearest of the green ones; d: decided (not on the board).
      h.at = bj('2026-03-02T09:00:00');
      await h.runtime.start(
        h.parallel.hash,
        { type: 'start', caseId: 'b', actor: { id: '窗口-甲', kind: 'staff' } },
        { region: { city: '南宁市' } },
      );
      h.at = bj('2026-03-04T09:00:00');
      await h.runtime.start(h.single.hash, { type: 'start', caseId: 'c' });
      h.at = bj('2026-03-05T09:00:00');
      await h.runtime.start(h.parallel.hash, {
        type: 'start',
        caseId: 'a',
        actor: { id: '窗口-乙', kind: 'staff' },
      });
      await h.runtime.start(h.single.hash, { type: 'start', caseId: 'd' });
      await h.complete('d', 'review');
      await h.complete('b', 'fire_review');
      await h.complete('b', 'env_review');
      const now = bj('2026-03-06T10:00:00');
      await h.advance('c', now); // c's lights turn on their timers; b's and a's timers have not run
      const board = await queryBoard(store.db, { now });
      expect(board.map((c) => [c.caseId, c.urgency])).toEqual([
        ['b', 'red'],
        ['c', 'yellow'],
        ['a', 'green'],
      ]);
      const [b, c] = board;
      // b's lead review: 3 working days from 03-02 → due 03-05, overdue by 03-06 (1 working day).
      expect(b?.tasks.map((t) => [t.elementId, t.department, t.light, t.remainingWorkingDays])).toEqual([
        ['lead_review', '住建局', 'red', -1],
      ]);
      expect(b).toMatchObject({
        leadDepartment: '住建局',
        responsible: '窗口-甲',
        matterCode: 'M-BUILD',
        region: { city: '南宁市' },
      });
      expect(b?.nearestDueAt).toBe(bj('2026-03-06T00:00:00'));
      // c: 3 working days from 03-04 → 03-09, so on 03-06 one working day is left (yellow).
      expect(c).toMatchObject({ light: 'yellow', dueAt: bj('2026-03-10T00:00:00'), remainingWorkingDays: 1 });
      expect(c?.tasks).toMatchObject([
        { light: 'yellow', remainingWorkingDays: 0, dueAt: bj('2026-03-07T00:00:00') },
      ]);
      expect((await queryBoard(store.db, { now, light: 'red' })).map((x) => x.caseId)).toEqual(['b']);
      expect((await queryBoard(store.db, { now, matter: 'M-SHOP' })).map((x) => x.caseId)).toEqual(['c']);
      expect((await queryBoard(store.db, { now, department: '消防救援支队' })).map((x) => x.caseId)).toEqual([
        'a',
      ]);
      expect((await queryBoard(store.db, { now, region: '南宁市' })).map((x) => x.caseId)).toEqual(['b']);
      expect((await queryBoard(store.db, { now, limit: 1 })).map((x) => x.caseId)).toEqual(['b']);
      expect((await queryBoard(store.db, { now, offset: 1 })).map((x) => x.caseId)).toEqual(['c', 'a']);
      expect((await queryBoard(store.db, { now, limit: 1, offset: 2 })).map((x) => x.caseId)).toEqual(['a']);
      expect(await queryBoard(store.db, { now, offset: 3 })).toEqual([]);
      const counts = { red: 1, yellow: 1, green: 1, none: 0 };
      expect(await countBoard(store.db, { now })).toEqual({ total: 3, counts });
      // A light filter narrows the total, never the tiles' counts.
      expect(await countBoard(store.db, { now, light: 'yellow' })).toEqual({ total: 1, counts });
      expect(await countBoard(store.db, { now, department: '消防救援支队' })).toEqual({
        total: 1,
        counts: { red: 0, yellow: 0, green: 1, none: 0 },
      });
      // Later, every case has an open task past its deadline: all red, the suspended one too (a
      // suspended case's own deadline would not count; its open task's does).
      await h.runtime.execute('c', { type: 'suspendCase', reason: '等待补充材料', actor: OFFICER });
      const later = bj('2026-03-11T10:00:00');
      const whole = await queryBoard(store.db, { now: later });
      expect(whole.map((x) => x.urgency)).toEqual(['red', 'red', 'red']);
      expect(whole.map((x) => x.nearestDueAt)).toEqual(
        whole.map((x) => x.nearestDueAt).sort((x, y) => (x ?? 0) - (y ?? 0)),
      );
      // The counts rank as the page does, whatever the filter.
      for (const filter of [{}, { matter: 'M-BUILD' }, { department: '住建局' }, { light: 'red' as const }]) {
        const page = await queryBoard(store.db, { now: later, ...filter });
        const totals = await countBoard(store.db, { now: later, ...filter });
        expect(totals.total).toBe(page.length);
        if (filter.light === undefined)
          expect(totals.counts).toEqual({
            red: page.filter((x) => x.urgency === 'red').length,
            yellow: page.filter((x) => x.urgency === 'yellow').length,
            green: page.filter((x) => x.urgency === 'green').length,
            none: page.filter((x) => x.urgency === null).length,
          });
      }
      expect((await queryBoard(store.db, { now: later, offset: 1, limit: 1 })).map((x) => x.caseId)).toEqual([
        whole[1]?.caseId,
      ]);
      expect(await countBoard(store.db, { now, region: '南宁市', light: 'green' })).toEqual({
        total: 0,
        counts: { red: 1, yellow: 0, green: 0, none: 0 },
      });
    });

    it('statistics in SQL equal the pure reduction of the event log, for random histories', async () => {
      let run = 0;
      const seen = { overdue: 0, early: 0, suspensions: 0, supervisions: 0 };
      await fc.assert(
        fc.asyncProperty(
          fc.array(scriptArb, { minLength: 1, maxLength: 4 }),
          fc.integer({ min: 0, max: 24 * 60 }),
          fc.integer({ min: 1, max: 24 * 90 }),
          // The statistics roll-up runs after these steps (counted over all cases), folding
          // `batchSize` events per transaction: statistics must not depend on when it ran.
          fc.uniqueArray(fc.nat({ max: 40 }), { maxLength: 3 }),
          fc.integer({ min: 1, max: 40 }),
          async (scripts, fromHours, spanHours, rollUpAfter, batchSize) => {
            await h.wipe();
            run++;
            let steps = 0;
            const afterStep = async () => {
              if (rollUpAfter.includes(steps++)) await rollUpStatistics(store.db, { batchSize });
            };
            for (const [index, script] of scripts.entries())
              await play(h, `r${run}-${index}`, script, afterStep);
            const events = await h.allEvents();
            const matters = await h.matters();
            const periods = [
              { from: Number.MIN_SAFE_INTEGER, to: Number.MAX_SAFE_INTEGER },
              { from: T0 + fromHours * HOUR, to: T0 + (fromHours + spanHours) * HOUR },
            ];
            for (const row of computeStatistics(events, { ...periods[0]!, by: 'department' })) {
              seen.overdue += row.overdue;
              seen.early += row.completedEarly;
              seen.suspensions += row.suspensions;
              seen.supervisions += row.supervisions;
            }
            for (const rolled of ['at random points', 'fully'])
              for (const period of periods) {
                if (rolled === 'fully' && period === periods[0])
                  expect((await rollUpStatistics(store.db, { batchSize })).caughtUp).toBe(true);
                for (const by of DIMENSIONS) {
                  const pure = computeStatistics(events, {
                    ...period,
                    by,
                    matterOf: (id) => matters.get(id) ?? null,
                  });
                  const stored = await queryStatistics(store.db, { ...period, by });
                  expect(stored, `${by} ${JSON.stringify(period)}, rolled up ${rolled}`).toEqual(pure);
                }
                // And against the tables themselves: cases accepted, tasks completed in the period.
                const byMatter = computeStatistics(events, {
                  ...period,
                  by: 'matter',
                  matterOf: (id) => matters.get(id) ?? null,
                });
                const [accepted] = await rows<{ n: number }>(
                  store,
                  'select count(*)::int as n from cases where started_at >= $1::bigint and started_at < $2::bigint',
                  [period.from, period.to],
                );
                expect(byMatter.reduce((sum, row) => sum + row.received, 0)).toBe(accepted?.n);
                const [completed] = await rows<{ n: number }>(
                  store,
                  `select count(*)::int as n from tasks where status = 'completed' and kind = 'user'
                  and closed_at >= $1::bigint and closed_at < $2::bigint`,
                  [period.from, period.to],
                );
                const byDepartment = await queryStatistics(store.db, { ...period, by: 'department' });
                expect(byDepartment.reduce((sum, row) => sum + row.completed, 0)).toBe(completed?.n);
              }
          },
        ),
        {
          numRuns: Number(process.env.SUPERVISION_RUNS ?? 10),
          // One history that surely has what the statistics count: lateness, 挂起, 督办, 特别程序.
          examples: [
            [
              [
                {
                  single: false,
                  offsetHours: 0,
                  window: '1号窗口',
                  steps: [
                    { hours: 2, action: 'supervise', pick: 1, staff: '甲' },
                    { hours: 20, action: 'special', pick: 2, staff: '乙' },
                    { hours: 30, action: 'complete', pick: 0, staff: '甲' },
                    { hours: 60, action: 'complete', pick: 0, staff: '乙' },
                    { hours: 2, action: 'suspend', pick: 0, staff: '丙' },
                    { hours: 30, action: 'resume', pick: 0, staff: '丙' },
                    { hours: 1, action: 'complete', pick: 0, staff: '丙' },
                  ],
                },
                {
                  single: true,
                  offsetHours: 3,
                  window: null,
                  steps: [{ hours: 3, action: 'complete', pick: 0, staff: '甲' }],
                },
              ],
              24,
              24 * 30,
              [3, 9],
              2,
            ],
          ],
        },
      );
      // The histories did exercise what the statistics count.
      expect(
        Object.values(seen).every((n) => n > 0),
        JSON.stringify(seen),
      ).toBe(true);
    }, 120_000);

    it('exports cases, tasks and supervision records from the stored log', async () => {
      await h.wipe();
      h.at = bj('2026-03-02T09:00:00');
      await h.runtime.start(h.single.hash, {
        type: 'start',
        caseId: 'x1',
        actor: { id: '窗口-甲', kind: 'staff', department: '1号窗口' },
      });
      await h.advance('x1', bj('2026-03-06T10:00:00'));
      await h.runtime.execute('x1', { type: 'urge', message: '请今日办结', actor: SUPERVISOR });
      await h.complete('x1', 'review', '科员-李');
      const [record] = await exportRecords(store.db, { what: 'cases' });
      expect(record).toMatchObject({
        办件编号: 'x1',
        事项基本编码: 'M-SHOP',
        事项名称: '食品经营许可',
        办件类型: '2',
        受理时间: '2026-03-02 09:00:00',
        受理窗口: '1号窗口',
        承诺办结时间: '2026-03-06 00:00:00',
        办结时间: '2026-03-06 10:00:00',
        是否超期: '1',
        超期工作日: 1,
      });
      const tasks = await exportRecords(store.db, { what: 'tasks' });
      expect(tasks).toMatchObject([{ 环节办理状态: '2', 办理人: '科员-李', 是否超期: '1', 超期工作日: 2 }]);
      const supervision = await exportRecords(store.db, { what: 'supervision' });
      expect(supervision.map((r) => [r.督办类型, r.监察规则编号, r.监察预警类型代码])).toEqual([
        ['黄灯', 'TIME-YELLOW', '1'],
        ['黄灯', 'TIME-YELLOW', '1'],
        ['红灯', 'TIME-RED', '2'],
        ['红灯', 'TIME-RED', '2'],
        ['催办', null, null],
        ['效能问责', 'ACC-OVERDUE-1-3', '4'],
      ]);
    });

    it('a webhook gets every supervised event at least once, signed, retried after failures', async () => {
      await h.wipe();
      const secret = 's3cret';
      const received: {
        key: string;
        attempt: number;
        valid: boolean;
        body: WebhookBody & { event: CaseEvent };
      }[] = [];
      let failuresLeft = 2;
      const { server, url } = await listen((request, body) => {
        const parsed = JSON.parse(body) as WebhookBody & { event: CaseEvent };
        received.push({
          key: String(request.headers['idempotency-key']),
          attempt: Number(request.headers['x-tongban-attempt']),
          valid: verifyWebhookSignature(
            secret,
            body,
            request.headers['x-tongban-signature'] as string,
            request.headers['x-tongban-timestamp'] as string,
          ),
          body: parsed,
        });
        if (failuresLeft > 0) {
          failuresLeft--;
          return 503;
        }
        return 200;
      });
      try {
        const hooks = new HookRegistry();
        const hooked = new Harness(store, hooks);
        hooks.register(
          webhookHook({
            name: 'webhook',
            url,
            secret,
            context: (caseId) => loadPayloadContext(hooked.runtime, caseId),
          }),
        );
        hooked.at = bj('2026-03-02T09:00:00');
        await hooked.runtime.start(h.single.hash, { type: 'start', caseId: 'w1' });
        await hooked.runtime.execute('w1', { type: 'urge', message: '请加快', actor: SUPERVISOR });
        const dispatcher = new OutboxDispatcher({
          store,
          hooks,
          backoffMs: () => 0,
          clock: () => Date.now(),
        });
        for (let round = 0; round < 10; round++) await dispatcher.runOnce();
        expect(received.every((r) => r.valid)).toBe(true);
        // The first event failed twice, then got through; the same key on every attempt.
        expect(received.slice(0, 3).map((r) => [r.key, r.attempt])).toEqual([
          [received[0]?.key, 1],
          [received[0]?.key, 2],
          [received[0]?.key, 3],
        ]);
        const delivered = [...new Map(received.map((r) => [r.key, r.body])).values()];
        expect(delivered.map((b) => b.supervision?.kind)).toEqual(['case.accepted', 'task.opened', 'urged']);
        expect(delivered[0]?.supervision).toMatchObject({
          caseId: 'w1',
          matter: { code: 'M-SHOP', name: '食品经营许可' },
          department: '市场监管局',
          due: bj('2026-03-06T00:00:00'),
          remainingWorkingDays: 3,
        });
        const outbox = await hooked.runtime.outbox('w1');
        expect(outbox.every((row) => row.deliveredAt !== null)).toBe(true);
        expect(verifyWebhookSignature(secret, '{"tampered":true}', 'sha256=00', '1')).toBe(false);
      } finally {
        server.close();
      }
    });

    it('a Supervision hub fed by the outbox sees light changes that fired on timers', async () => {
      await h.wipe();
      const hooks = new HookRegistry();
      const hooked = new Harness(store, hooks);
      const supervision = new Supervision();
      const reds: SupervisionPayload[] = [];
      supervision.on('light.changed', (p) => void reds.push(p), { light: 'red', matter: 'M-SHOP' });
      hooks.register(supervisionHook(supervision, hooked.runtime, 'hub'));
      hooked.at = bj('2026-03-02T09:00:00');
      await hooked.runtime.start(h.single.hash, { type: 'start', caseId: 'h1' });
      await hooked.advance('h1', bj('2026-03-10T09:00:00'));
      const dispatcher = new OutboxDispatcher({ store, hooks, backoffMs: () => 0 });
      for (let round = 0; round < 20; round++) await dispatcher.runOnce();
      expect(reds.map((p) => [p.clock, p.department, p.ruleId, p.at])).toEqual([
        ['task', '市场监管局', 'TIME-RED', bj('2026-03-05T00:00:00')],
        ['case', '市场监管局', 'TIME-RED', bj('2026-03-06T00:00:00')],
      ]);
    });
  });
}
