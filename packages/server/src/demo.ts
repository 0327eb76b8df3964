import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DurableRuntime, ManualClock, TimeSkipping, type TongbanStore } from '@tongban/adapters';
import { type CaseCommand, type CompileOptions, compileBpmn, type Instant } from '@tongban/engine';
import { defaultCalendarRegistry } from '@tongban/engine/calendar';
import { beijingTime } from '@tongban/engine/supervision';
import { ensureDiagramTable, saveDiagram } from './diagrams.js';
import { issueQueryCode } from './query-codes.js';

/** The state a demo case is played into. */
export type DemoState = 'green' | 'yellow' | 'red' | 'supervised' | 'completed' | 'at-window';

/** One demo case: its id, what it shows, and the 查询码 an applicant would have been given. */
export interface DemoCase {
  readonly caseId: string;
  readonly state: DemoState;
  readonly queryCode: string;
}

/** Options of {@link seedDemo}. */
export interface DemoOptions {
  /** The folder holding one sub-folder per example matter, each with `<name>/<name>.bpmn`. */
  readonly examplesDir: string;
  /** "Now": the cases are played in the working days before it (default `Date.now()`). */
  readonly now?: Instant;
  /** As the serving runtime's (the demo counts past the holiday data when `provisional`). */
  readonly compileOptions?: CompileOptions;
}

const LEAD = '住房和城乡建设局';
const CO = ['自然资源和规划局', '消防救援支队', '人民防空办公室'] as const;
const WINDOW = { id: '窗口-张敏', kind: 'staff', department: LEAD } as const;
const staff = (department: string) => ({ id: `${department}-经办人`, kind: 'staff' as const, department });
const SUPERVISOR = { id: '监察室-陈', kind: 'supervisor' as const };

/** Deploys every example matter's BPMN; returns the process ids deployed. */
export async function deployExamples(
  runtime: DurableRuntime,
  examplesDir: string,
  options: CompileOptions = {},
) {
  const deployed: string[] = [];
  for (const name of readdirSync(examplesDir).sort()) {
    const file = join(examplesDir, name, `${name}.bpmn`);
    if (!existsSync(file)) continue;
    const xml = readFileSync(file, 'utf8');
    const compiled = await compileBpmn(xml, options);
    if (!compiled.ok)
      throw new Error(`example ${name} does not compile: ${compiled.diagnostics[0]?.message}`);
    await runtime.deploy(compiled.definition);
    // The designer opens the demo's matters from the server like any deployed through it.
    await ensureDiagramTable(runtime.store);
    await saveDiagram(runtime.store, compiled.definition, xml);
    deployed.push(compiled.definition.processId);
  }
  return deployed;
}

/**
 * Deploys `examples/` and plays construction-permit cases (建筑工程施工许可) through the working days
 * before `now`, so a newcomer sees a living system: one just received at the window, one green, one
 * with its co-handlers overdue (red), one under a 督办 awaiting its answer, one at its last days
 * (yellow) and one completed. Every command goes through the durable runtime at its own instant
 * (a simulated clock), and every timer due by `now` — lights included — is fired at its due instant.
 * Each case gets a 查询码; the codes are returned once, here. A database that already holds the
 * demo cases is left as it is (and the answer is empty).
 */
export async function seedDemo(store: TongbanStore, options: DemoOptions): Promise<DemoCase[]> {
  const now = options.now ?? Date.now();
  const compileOptions = options.compileOptions ?? {};
  const calendar = (compileOptions.calendars ?? defaultCalendarRegistry()).getCalendar('CN');
  const today = beijingTime(now).slice(0, 10);
  // The demo plays in the past, where the holiday data may end: weekdays past it count (provisional).
  const working = (day: string): boolean =>
    calendar.workingDaysBetween(addDays(day, -1), day, { provisional: true }).value === 1;
  // The last working day before today: every step is played on or before it, so before `now`.
  let last = today;
  do last = addDays(last, -1);
  while (!working(last));
  /** The working day `n` working days before the last one. */
  const back = (n: number): string => {
    let day = last;
    for (let i = 0; i < n; i++) {
      do day = addDays(day, -1);
      while (!working(day));
    }
    return day;
  };
  const at = (day: string, time: string): Instant => Date.parse(`${day}T${time}:00+08:00`);

  const plan = planCases(back, last, at);
  const first = Math.min(...plan.map((step) => step.at));
  const clock = new ManualClock(first - 60_000);
  const runtime = new DurableRuntime({ store, clock: clock.now, compileOptions });
  const time = new TimeSkipping({ runtime, clock });
  await deployExamples(runtime, options.examplesDir, compileOptions);
  // Played once per database: a data directory that has them keeps its cases (and their codes).
  if ((await runtime.getCase(plan[0]?.caseId ?? '')) !== null) return [];
  const cases: DemoCase[] = [];
  for (const step of [...plan].sort((a, b) => a.at - b.at)) {
    await time.advanceTo(Math.max(time.now(), step.at));
    if (step.kind === 'start') {
      await runtime.startLatest(
        'ConstructionPermit',
        {
          caseId: step.caseId,
          actor: WINDOW,
          variables: {
            projectName: step.project,
            applicant: '某市城市建设投资有限公司',
            materials: ['建设工程规划许可证', '施工图设计文件审查合格书', '建设资金落实证明'],
          },
        },
        { matterCode: '000172007000' },
      );
      cases.push({
        caseId: step.caseId,
        state: step.state,
        queryCode: await issueQueryCode(store, step.caseId),
      });
    } else {
      const command = await step.command(runtime);
      if (command !== null) await runtime.execute(step.caseId, command);
    }
  }
  await time.advanceTo(Math.max(time.now(), now));
  return cases.sort((a, b) => a.caseId.localeCompare(b.caseId));
}

type Step =
  | { kind: 'start'; at: Instant; caseId: string; state: DemoState; project: string }
  | {
      kind: 'command';
      at: Instant;
      caseId: string;
      command: (runtime: DurableRuntime) => Promise<CaseCommand | null>;
    };

/** Completes the case's open task at `elementId` (every instance of it) as its department. */
function complete(caseId: string, elementId: string, opinion: string) {
  return async (runtime: DurableRuntime): Promise<CaseCommand | null> => {
    const task = (await runtime.openTasks(caseId)).find(
      (t) => t.elementId === elementId && t.kind === 'user',
    );
    if (task === undefined || task.department === null) return null;
    return {
      type: 'completeTask',
      taskId: task.id,
      department: task.department,
      outcome: 'approve',
      opinion,
      actor: staff(task.department),
    };
  };
}

function planCases(
  back: (n: number) => string,
  last: string,
  at: (day: string, time: string) => Instant,
): Step[] {
  const steps: Step[] = [];
  const start = (caseId: string, state: DemoState, day: string, project: string) =>
    steps.push({ kind: 'start', at: at(day, '09:30'), caseId, state, project });
  const command = (
    caseId: string,
    day: string,
    time: string,
    run: (runtime: DurableRuntime) => Promise<CaseCommand | null>,
  ) => steps.push({ kind: 'command', at: at(day, time), caseId, command: run });
  const accept = (caseId: string, day: string) =>
    command(caseId, day, '10:00', complete(caseId, 'Accept', '材料齐全，予以受理'));
  const reviews = (caseId: string, day: string) => {
    command(caseId, day, '11:00', complete(caseId, 'PlanningReview', '符合规划条件'));
    command(caseId, day, '14:00', complete(caseId, 'FireReview', '符合消防技术标准'));
    command(caseId, day, '15:00', complete(caseId, 'AirDefenceReview', '同意'));
    command(caseId, day, '16:00', complete(caseId, 'LeadReview', '审查通过'));
  };

  // 办结: received 10 working days ago, decided in 4.
  start('SGXK-DEMO-0001', 'completed', back(10), '滨江路小学改扩建工程');
  accept('SGXK-DEMO-0001', back(10));
  reviews('SGXK-DEMO-0001', back(8));
  command('SGXK-DEMO-0001', back(7), '10:00', complete('SGXK-DEMO-0001', 'Decide', '准予许可'));

  // 黄灯: received 13 working days ago; the reviews came late, the case is in its last days.
  start('SGXK-DEMO-0002', 'yellow', back(13), '高新区人才公寓二期');
  accept('SGXK-DEMO-0002', back(13));
  reviews('SGXK-DEMO-0002', back(1));

  // 红灯: received 9 working days ago; the co-handlers' 7 working days have run out.
  start('SGXK-DEMO-0003', 'red', back(9), '城东污水处理厂提标改造');
  accept('SGXK-DEMO-0003', back(9));

  // 督办: received 8 working days ago, overdue at the fire brigade; the supervisor ordered a reply.
  start('SGXK-DEMO-0004', 'supervised', back(8), '人民医院门诊楼扩建');
  accept('SGXK-DEMO-0004', back(8));
  command('SGXK-DEMO-0004', back(2), '11:00', complete('SGXK-DEMO-0004', 'PlanningReview', '同意'));
  command('SGXK-DEMO-0004', last, '09:00', async () => ({
    type: 'supervise',
    department: CO[1],
    message: '消防审查已逾期，请说明原因并限期办结',
    replyWithin: 3,
    ruleId: 'SX-时效-03',
    actor: SUPERVISOR,
  }));

  // 绿灯: received and accepted on the last working day.
  start('SGXK-DEMO-0005', 'green', last, '滨江路口袋公园配套用房');
  accept('SGXK-DEMO-0005', last);

  // 收件: registered at the window, waiting to be accepted by the lead department.
  start('SGXK-DEMO-0006', 'at-window', last, '老旧小区加装电梯（12号楼）');
  return steps;
}

function addDays(day: string, n: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}
