/**
 * Writes docs/case-operations/: one page per approval operation, each with the command, who may give it,
 * its events and clock effects, and a before/after timeline that the engine itself produced by
 * simulating the example matters (test/docs-current.test.ts fails when a page is out of date).
 *
 *   pnpm exec tsx --conditions=@tongban/source scripts/operations-doc.ts
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type CaseEvent,
  type CaseSnapshot,
  type Command,
  type CompiledDefinition,
  compileBpmn,
  describeWhen,
  describeWhoMay,
  formatInstant,
  type Scenario,
  type ScenarioStep,
  WHO_MAY,
} from '@tongban/engine';
import { simulate } from '@tongban/engine/testing';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OPERATIONS_DIR = join(root, 'docs', 'case-operations');

const PERMIT = 'examples/construction-permit/construction-permit.bpmn';
const BUSINESS = 'examples/business-start/business-start.bpmn';
const SIGN = 'docs/case-operations/department-sign.bpmn';
const permitStart: Scenario['start'] = { at: '2026-03-02T09:00', caseId: 'SGXK-1' };
const accepted: ScenarioStep = { at: '2026-03-02T10:00', complete: 'Accept' };
const businessStart: Scenario['start'] = {
  at: '2026-03-02T09:00',
  caseId: 'QYKB-1',
  coDepartments: ['公安局', '税务局'],
};
const businessReady: ScenarioStep[] = [
  { at: '2026-03-02T09:30', complete: 'Accept' },
  { at: '2026-03-02T09:40', completeService: 'IssueLicence' },
];

interface OperationPage {
  readonly file: string;
  readonly title: string;
  readonly command: string;
  /** The commands of the page: their "who may" comes from the engine's own table, WHO_MAY. */
  readonly commands: readonly Command['type'][];
  /** Person-level rules on top of WHO_MAY (checked against the case), when there are any. */
  readonly who?: string;
  readonly effect: string;
  readonly clocks: string;
  readonly events: string;
  readonly model: string;
  readonly start: Scenario['start'];
  readonly before: readonly ScenarioStep[];
  readonly operation: readonly ScenarioStep[];
}

const PAGES: readonly OperationPage[] = [
  {
    file: 'intake.md',
    title: '受理 / 不予受理 (accept or refuse at intake)',
    command:
      "`start` with `intake: 'pending'` registers the case (收件); then `{ type: 'accept', actor }` or `{ type: 'refuseIntake', actor, reason }`.",
    commands: ['accept', 'refuseIntake'],
    effect:
      'A pending case runs no flow and no clock. `accept` starts the flow; `refuseIntake` ends the case as `refused`.',
    clocks:
      'The case clock starts at `accept` (受理之日, Art. 42); the day of acceptance does not count. A refused case never had a clock.',
    events: '`case.registered` → `case.started` (+ the first `task.opened`), or `case.refused`.',
    model: PERMIT,
    start: { ...permitStart, intake: 'pending' },
    before: [],
    operation: [{ at: '2026-03-03T09:00', op: 'accept', actor: '窗口-张敏', actorKind: 'staff' }],
  },
  {
    file: 'suspend-case.md',
    title: '挂起 / 激活 (suspend and resume a whole case)',
    command: "`{ type: 'suspendCase', actor, reason }` and `{ type: 'resumeCase', actor }`.",
    commands: ['suspendCase', 'resumeCase'],
    effect:
      'While suspended only `resumeCase`, `withdraw` and `copyTo` apply; tasks stay open but cannot be completed.',
    clocks:
      'Every clock (case and tasks) stops; every civil day the suspension touches is not counted, so each deadline moves by the working days it covered. Lights cannot change meanwhile. BPMN timers are held too and set again on 激活, counted as the clocks count: a working-day timer gets its working days after its arming day that the suspension did not touch, at the hour it was armed, so it never falls on a rest day.',
    events: '`case.suspended`, `case.resumed` (with `suspendedFor`), and the resulting `light` timers.',
    model: PERMIT,
    start: permitStart,
    before: [accepted],
    operation: [
      {
        at: '2026-03-03T09:00',
        op: 'suspendCase',
        actor: '督查科-周',
        actorKind: 'officer',
        reason: '案件涉诉，暂停办理',
      },
      { at: '2026-03-09T09:00', op: 'resumeCase', actor: '督查科-周', actorKind: 'officer' },
    ],
  },
  {
    file: 'special-procedure.md',
    title: '特别程序 (Art. 45 special procedure on one branch)',
    command:
      "`{ type: 'startSpecialProcedure', taskId, department, kind, reason }` and `{ type: 'endSpecialProcedure', taskId, department, result? }`.",
    commands: ['startSpecialProcedure', 'endSpecialProcedure'],
    effect:
      'The task stays open with that department; the work of the procedure (听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审) is recorded with its kind (GB/T 39046 特别程序种类).',
    clocks:
      "That task's clock stops. The case clock stops only while no branch is being timed, i.e. while every open task is in 特别程序 (as deployed 工程建设项目审批 systems do). The boundary timers of the task's activity (e.g. 逾期未反馈视为同意) are held meanwhile, and come back counted as the clocks count.",
    events: '`task.specialProcedureStarted`, `task.specialProcedureEnded` (with `lasted`).',
    model: PERMIT,
    start: permitStart,
    before: [accepted],
    operation: [
      {
        at: '2026-03-03T09:00',
        op: 'startSpecialProcedure',
        task: 'FireReview',
        kind: '检测',
        reason: '消防设施检测',
      },
      { at: '2026-03-10T09:00', op: 'endSpecialProcedure', task: 'FireReview', result: '检测合格' },
    ],
  },
  {
    file: 'supplement.md',
    title: '补正 (a department asks for materials)',
    command:
      "`{ type: 'requestSupplement', taskId, department, reason, items? }`; the applicant answers with `{ type: 'supply', variables? }`.",
    commands: ['requestSupplement', 'supply'],
    effect:
      "Only one request at a time: everything in one notice (Art. 32). On supply, the matter's `tb:supplementMode` decides: `requester` (default) resumes only the asking department; `all` sends every branch of its stage through review again.",
    clocks:
      "The case clock and the asking task's clock stop until the materials arrive (the law counts from complete materials); the other departments' clocks run on. The boundary timers of the asking task's activity are held meanwhile (one timer serves every co-handler of a multi-instance task), so a deemed-agreed timer cannot cancel a department that waits for the applicant.",
    events:
      "`supplement.requested` (with `items`), `supplement.supplied` (with `waited` and `mode`); if the asking task is cancelled first (跳转, another department's rejection, its stage's completion condition) or the case ends, `supplement.cancelled` (with `cause`, `reason`, `items`, `waited`): a request never ends silently.",
    model: PERMIT,
    start: permitStart,
    before: [accepted, { at: '2026-03-03T09:00', complete: 'PlanningReview', outcome: 'approve' }],
    operation: [
      {
        at: '2026-03-03T10:00',
        op: 'requestSupplement',
        task: 'FireReview',
        reason: '缺少消防设计文件',
        items: ['疏散示意图'],
      },
      { at: '2026-03-06T10:00', op: 'supply', actor: '申请人', actorKind: 'applicant' },
    ],
  },
  {
    file: 'transfer.md',
    title: '转办 (transfer a task to another department)',
    command: "`{ type: 'transferTask', taskId, department, to, reason }`.",
    commands: ['transferTask'],
    effect:
      'The task now belongs to `to`: only it can complete it, and responsibility (谁办理、谁负责) moves with it; `transferredFrom` keeps the trail.',
    clocks:
      'The deadline and the light move with the task unchanged: the new department inherits the time left, not a fresh limit.',
    events: '`task.transferred` (with `from`, `to`, `reason`).',
    model: PERMIT,
    start: permitStart,
    before: [accepted],
    operation: [
      {
        at: '2026-03-03T09:00',
        op: 'transferTask',
        task: 'AirDefenceReview',
        to: '人防工程质量监督站',
        reason: '职责调整',
      },
      {
        at: '2026-03-04T09:00',
        complete: 'AirDefenceReview',
        department: '人防工程质量监督站',
        outcome: 'approve',
      },
    ],
  },
  {
    file: 'delegate.md',
    title: '委派 (delegate to a person and get it back)',
    command:
      "`{ type: 'delegateTask', taskId, department, to }`; the delegate answers with `completeTask` (their `actor.id`).",
    commands: ['delegateTask', 'completeTask'],
    who: 'While the task is delegated, only the delegate (`to`, by `actor.id`) may answer it (`WRONG_ASSIGNEE` otherwise).',
    effect:
      "The delegate's answer hands the task back to its department (`task.delegationReturned`), which then completes it: responsibility stays with the department.",
    clocks: 'Unchanged: the task keeps its deadline throughout.',
    events: "`task.delegated`, `task.delegationReturned`, then the department's `task.completed`.",
    model: PERMIT,
    start: permitStart,
    before: [accepted],
    operation: [
      { at: '2026-03-03T09:00', op: 'delegateTask', task: 'PlanningReview', to: '科员-王' },
      { at: '2026-03-04T09:00', complete: 'PlanningReview', actor: '科员-王', opinion: '初审：符合规划条件' },
      { at: '2026-03-04T15:00', complete: 'PlanningReview', outcome: 'approve', opinion: '同意' },
    ],
  },
  {
    file: 'add-remove-signer.md',
    title: '加签 / 减签 (add or remove a co-handling department)',
    command:
      "`{ type: 'addSigner', elementId, department, reason, limit? }` and `{ type: 'removeSigner', taskId, reason }` on a running multi-instance task.",
    commands: ['addSigner', 'removeSigner'],
    effect:
      'The co-handling stage gains (or loses) one department; the stage ends when every remaining instance is done or its completion condition holds.',
    clocks:
      "The added department's limit is the stage's remaining time by default (it is due with its siblings), or a fresh `limit` counted from now.",
    events: '`task.opened` (with `addedSigner`), `task.cancelled` (with `removedSigner`).',
    model: BUSINESS,
    start: businessStart,
    before: businessReady,
    operation: [
      {
        at: '2026-03-02T10:00',
        op: 'addSigner',
        elementId: 'CoHandle',
        department: '人力资源和社会保障局',
        reason: '需办理社保登记',
        actor: '市场监管-陈',
        actorDepartment: '市场监督管理局',
      },
      {
        at: '2026-03-02T11:00',
        op: 'removeSigner',
        task: 'CoHandle',
        department: '公安局',
        reason: '申请人已自行刻章',
        actor: '市场监管-陈',
        actorDepartment: '市场监督管理局',
      },
    ],
  },
  {
    file: 'reject.md',
    title: '驳回 / 退回 (reject inside a parallel stage)',
    command:
      "`{ type: 'reject', taskId, department, reason, to }` with `to` = `'previous'`, `{ elementId }` or `'applicant'`; the applicant answers `'applicant'` with `{ type: 'resubmit' }`.",
    commands: ['reject', 'resubmit'],
    effect:
      "The matter's `tb:rejectMode` decides. `veto` (一票否决, default): every task of the stage closes at once (nothing dangles) and the case goes to the previous step, the named step, or back to the applicant; on resubmission the stage is walked again from its start. `collect`: the rejection is recorded as this department's outcome, its siblings finish, and the lead decides.",
    clocks:
      'Sent back to the applicant, the case clock stops until resubmission (退回); task clocks of the closed tasks end with them.',
    events: '`task.rejected` (with `to`, `mode`), `task.cancelled` for each sibling, `case.resubmitted`.',
    model: PERMIT,
    start: permitStart,
    before: [accepted, { at: '2026-03-03T09:00', complete: 'PlanningReview', outcome: 'approve' }],
    operation: [
      {
        at: '2026-03-03T10:00',
        op: 'reject',
        task: 'FireReview',
        reason: '消防设计不符合规范',
        to: 'applicant',
      },
      { at: '2026-03-05T10:00', op: 'resubmit', actor: '申请人', actorKind: 'applicant' },
    ],
  },
  {
    file: 'jump.md',
    title: '跳转 (an administrator moves the case)',
    command: "`{ type: 'jump', elementId, reason, actor }`.",
    commands: ['jump'],
    effect:
      'Every task open elsewhere is cancelled; the case continues at the named step. The event records what was open before.',
    clocks: 'Task clocks of the cancelled tasks end; the case clock runs on.',
    events: '`case.jumped` (with `to`, `from`, `reason`, `actor`), then the cancellations and openings.',
    model: PERMIT,
    start: permitStart,
    before: [accepted],
    operation: [
      {
        at: '2026-03-03T09:00',
        op: 'jump',
        elementId: 'Decide',
        reason: '线下已完成会审，系统补录',
        actor: '系统管理员',
        actorKind: 'admin',
      },
    ],
  },
  {
    file: 'extend.md',
    title: '延期 (extension, 行政许可法 Art. 42)',
    command: "`{ type: 'extend', days, reason, actor, taskId? }`.",
    commands: ['extend'],
    who: 'The actor records the head who approved it (Art. 42 ¶1: the agency head, 10 days; ¶2: the government head for joint handling, 15).',
    effect:
      "The case's limit (or one task's, with `taskId`) grows by `days` working days; the matter's `tb:extensionCap` caps the total (`EXTENSION_CAP` beyond it).",
    clocks:
      'The due date moves later by working days on the calendar; the light is recomputed at once (a yellow case may turn green again) and its next change rescheduled.',
    events:
      '`case.extended` / `task.extended` (with `days`, `reason`, `approver`), and `light.changed` when the light changes.',
    model: PERMIT,
    start: permitStart,
    before: [accepted, { advanceTo: '2026-03-20T09:00' }],
    operation: [
      {
        at: '2026-03-20T09:00',
        op: 'extend',
        days: 10,
        reason: '需组织专家论证',
        actor: '局长-刘',
        actorKind: 'officer',
      },
    ],
  },
  {
    file: 'copy.md',
    title: '抄送 (copy for information)',
    command: "`{ type: 'copyTo', departments, taskId?, note? }`.",
    commands: ['copyTo'],
    effect: 'Recorded only: the departments are informed, no task is opened for them, nothing else changes.',
    clocks: 'None.',
    events: '`case.copied`.',
    model: PERMIT,
    start: permitStart,
    before: [accepted],
    operation: [
      {
        at: '2026-03-03T09:00',
        op: 'copyTo',
        task: 'FireReview',
        departments: ['应急管理局'],
        note: '涉及危化品仓储，请知悉',
        actor: '消防-赵磊',
        actorDepartment: '消防救援支队',
      },
    ],
  },
  {
    file: 'withdraw.md',
    title: '撤件 (the applicant withdraws)',
    command: "`{ type: 'withdraw', reason?, actor? }`.",
    commands: ['withdraw'],
    effect: 'Every open task is cancelled; the case ends as `withdrawn`.',
    clocks: 'Every clock stops for good at the withdrawal.',
    events: '`task.cancelled` for each open task, `case.withdrawn`.',
    model: PERMIT,
    start: permitStart,
    before: [accepted],
    operation: [{ at: '2026-03-03T09:00', withdraw: true, reason: '项目调整，申请撤回' }],
  },
  {
    file: 'recall.md',
    title: '撤回 / 拿回 (pull a completed task back)',
    command:
      "`{ type: 'recall', taskId?, elementId?, department, reason, actor? }`: the completed task by its id, or by its element (the department's latest recallable completion of it).",
    commands: ['recall'],
    who: 'Only the department that completed the task (`WRONG_DEPARTMENT` otherwise); when a person completed it (`actor`), only that person (`WRONG_ASSIGNEE` otherwise). A completion by the system (a timeout action) cannot be recalled.',
    effect:
      'Admissible while every task the completion opened is untouched: not completed, claimed, signed, given handlers, delegated, transferred, in 特别程序 or asking for 补正 (else `RECALL_TOO_LATE`, naming the task). Those tasks are cancelled and the task reopens with the same department, claimant and earlier signatures. In a parallel stage before its join, only that branch reopens (the siblings keep their tasks); after the join fired, the branch reopens, the other branches stay done and the next step is cancelled; any branch that took part in the join may recall, not only the last. One instance of a multi-instance task reopens alone while that task is undecided; once its completion decided the task, or while 加签 has given the same department a new instance of it, it cannot be recalled (`RECALL_TOO_LATE`). A jump, rejection, resubmission, 补正 re-review, withdrawal, 挂起 of the case, or a BPMN timer or message moving the flow ends every recall window. The boundary timers of the reopened task are the ones still pending at completion, due when they were due (one that fired is not armed again; one held at completion counts as released then).',
    clocks:
      "The task clock resumes as it stood at completion: the time between completion and recall counts and the deadline does not move, as deployed 效能监察 systems time a step from its first opening to its final completion; otherwise completing and recalling would stop a clock and reset a limit. The cancelled tasks' clocks end with them; the case clock runs on.",
    events:
      '`task.recalled` (on the completed task, with `actor`, `reason`, `cancels`, `completedAt`), `task.cancelled` for each task it had opened, `task.opened` (with `recalledFrom`).',
    model: PERMIT,
    start: permitStart,
    before: [
      accepted,
      { at: '2026-03-03T09:00', complete: 'LeadReview', outcome: 'approve' },
      { at: '2026-03-03T10:00', complete: 'PlanningReview', outcome: 'approve', actor: '规划科-王' },
      { at: '2026-03-03T11:00', complete: 'FireReview', outcome: 'approve' },
      { at: '2026-03-03T14:00', complete: 'AirDefenceReview', outcome: 'approve' },
    ],
    operation: [
      {
        at: '2026-03-03T15:00',
        op: 'recall',
        task: 'PlanningReview',
        department: '自然资源和规划局',
        actor: '规划科-王',
        reason: '漏填规划条件编号',
      },
    ],
  },
  {
    file: 'sign.md',
    title: '或签 / 会签 / 票签 / 依次, 签收 (decisions inside one department)',
    command:
      "`{ type: 'signTask', taskId, department, outcome, opinion?, actor }` per handler; `{ type: 'claimTask', taskId, department, actor }` and `unclaimTask` likewise; `{ type: 'assignHandlers', taskId, department, handlers }` names the signers at run time.",
    commands: ['signTask', 'claimTask', 'unclaimTask', 'assignHandlers'],
    who: 'Only the task\'s handlers (`tb:handlers`, or those given by `assignHandlers`) sign (`WRONG_ASSIGNEE` otherwise); 依次 in the listed order (`NOT_YOUR_TURN`); nobody signs twice. With `tb:claim="one"` only the claimant completes the task; they or an officer release it. A task with a decision mode cannot be completed with `completeTask` (`WRONG_CASE_STATE`).',
    effect:
      "`tb:decisionMode` decides when the department has answered: `any` 或签, the first signature with its outcome; `all` 会签, every handler approving, and the first rejection decides reject at once (the others' signatures are not awaited: the case moves on); `vote` 票签, approve as soon as the approving weight reaches `tb:passRatio` (default 0.5) of the total, reject as soon as it no longer can; `sequential` 依次, in order, a rejection deciding reject. The decided outcome completes the task as the department's answer (`outcome` variable, `task.completed` by the deciding signer).",
    clocks: "None of their own: the department's task clock runs until the decision completes the task.",
    events:
      '`task.claimed`, `task.unclaimed`, `task.handlersAssigned`, `task.signed` (with `by`, `outcome`, `opinion`, `weight` in votes), `task.decided` (with `mode`, `outcome`, `decidedBy`, the tally), then `task.completed`.',
    model: SIGN,
    start: { at: '2026-03-02T09:00', caseId: 'GHHS-1' },
    before: [],
    operation: [
      { at: '2026-03-02T09:30', op: 'claimTask', task: 'Intake', actor: '窗口-张' },
      { at: '2026-03-02T10:00', complete: 'Intake', actor: '窗口-张', outcome: 'approve' },
      {
        at: '2026-03-03T09:00',
        op: 'signTask',
        task: 'Review',
        actor: '科员-李',
        outcome: 'approve',
        opinion: '符合',
      },
      {
        at: '2026-03-03T15:00',
        op: 'signTask',
        task: 'Review',
        actor: '科长-王',
        outcome: 'reject',
        opinion: '建筑高度超出规划条件',
      },
    ],
  },
  {
    file: 'timeout-actions.md',
    title: 'Timeout actions (逾期未反馈视为同意, auto-reject)',
    command: 'No command: `tb:timeoutAction` on a user task (`light` default, `agree`, `reject`).',
    commands: [],
    who: "The system, when the task's own light turns red.",
    effect:
      "`agree`: the task is completed as approved on the department's behalf (the rule in many local regulations that a co-handler who does not answer in time is deemed to agree); `reject`: completed as rejected; `light`: only the red light.",
    clocks: 'The task clock ends with the task; the case moves on.',
    events: '`light.changed` (to red), `task.timedOut`, `task.completed` with `actor: "system"`.',
    model: PERMIT,
    start: permitStart,
    before: [accepted, { at: '2026-03-04T09:00', complete: 'PlanningReview', outcome: 'approve' }],
    operation: [{ advanceTo: '2026-03-12T00:00' }],
  },
];

const definitions = new Map<string, CompiledDefinition>();
async function definitionOf(path: string): Promise<CompiledDefinition> {
  let def = definitions.get(path);
  if (!def) {
    const compiled = await compileBpmn(readFileSync(join(root, path), 'utf8'));
    if (!compiled.ok) throw new Error(`${path} does not compile`);
    def = compiled.definition;
    definitions.set(path, def);
  }
  return def;
}

const time = (at: number) => formatInstant(at).slice(0, 16).replace('T', ' ');

function detail(e: CaseEvent): string {
  const d = { ...(e.data ?? {}) } as Record<string, unknown>;
  for (const k of Object.keys(d)) if (typeof d[k] === 'number' && /At$/.test(k)) d[k] = time(d[k] as number);
  delete d.definition;
  const text = Object.entries(d)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('; ');
  return text.replace(/\|/g, '\\|');
}

function eventTable(events: readonly CaseEvent[]): string {
  const rows = events.map(
    (e) => `| ${time(e.at)} | \`${e.type}\` | ${e.elementId ?? ''} | ${e.department ?? ''} | ${detail(e)} |`,
  );
  return ['| at | event | element | department | details |', '|---|---|---|---|---|', ...rows].join('\n');
}

function stateTable(s: CaseSnapshot): string {
  const ctx = s.machine.context;
  const rows = Object.values(ctx.tasks).map((t) => {
    const clock = ctx.clocks[t.id];
    const stopped =
      clock?.suspensions.at(-1)?.to === null
        ? `stopped (${clock.suspensions.at(-1)?.kind})`
        : clock
          ? 'running'
          : '—';
    return `| ${t.elementId} | ${t.department ?? ''} | ${t.dueAt == null ? '—' : time(t.dueAt - 1).slice(0, 10)} | ${ctx.lights[t.id] ?? '—'} | ${stopped} |`;
  });
  const caseClock = ctx.clocks.case;
  const caseStopped =
    caseClock?.suspensions.at(-1)?.to === null
      ? `stopped (${caseClock.suspensions.at(-1)?.kind})`
      : caseClock
        ? 'running'
        : 'not started';
  return [
    `Case: status \`${s.status}\`, due ${s.dueAt === null ? '—' : time(s.dueAt - 1).slice(0, 10)}, light ${s.light ?? '—'}, clock ${caseStopped}.`,
    '',
    '| open task | department | due | light | clock |',
    '|---|---|---|---|---|',
    ...(rows.length > 0 ? rows : ['| (none) | | | | |']),
  ].join('\n');
}

/** The "who may" of a page: the engine's rules (WHO_MAY) for its commands, then any person-level rule. */
function whoMayRow(page: OperationPage): string {
  const groups = new Map<string, Command['type'][]>();
  for (const type of page.commands) {
    const text = describeWhoMay(WHO_MAY[type]);
    groups.set(text, [...(groups.get(text) ?? []), type]);
  }
  const rules = [...groups].map(([text, types]) => `${types.map((t) => `\`${t}\``).join(', ')}: ${text}`);
  return [...rules, ...(page.who ? [page.who] : [])].join('<br>');
}

/** The "when" of a page: the case statuses its commands apply in, from the engine's command table. */
function whenRow(page: OperationPage): string {
  const groups = new Map<string, Command['type'][]>();
  for (const type of page.commands) {
    const text = describeWhen(type);
    groups.set(text, [...(groups.get(text) ?? []), type]);
  }
  return [...groups]
    .map(([text, types]) => `${types.map((t) => `\`${t}\``).join(', ')}: ${text}`)
    .join('<br>');
}

async function renderPage(page: OperationPage): Promise<string> {
  const def = await definitionOf(page.model);
  const before = await simulate(def, { start: page.start, steps: page.before });
  const after = await simulate(def, { start: page.start, steps: [...page.before, ...page.operation] });
  const newEvents = after.events.slice(before.events.length);
  const scenario = JSON.stringify(page.operation, null, 2);
  return `# ${page.title}

| | |
|---|---|
| command | ${page.command} |
| who may | ${whoMayRow(page)} |
| when | ${whenRow(page)} |
| effect | ${page.effect} |
| clocks | ${page.clocks} |
| events | ${page.events} |

## Before/after, as the engine runs it

On \`${page.model}\`, as \`tongban simulate\` plays it (generated by \`scripts/operations-doc.ts\`).

**Before**

${stateTable(before.snapshot)}

**The operation** (scenario steps):

\`\`\`json
${scenario}
\`\`\`

**What happened**

${eventTable(newEvents)}

**After**

${stateTable(after.snapshot)}
`;
}

/** Every command the engine knows, with who may give it, from WHO_MAY. */
function whoMayTable(): string {
  const types = Object.keys(WHO_MAY) as Command['type'][];
  return types
    .map((type) => `| \`${type}\` | ${describeWhoMay(WHO_MAY[type])} | ${describeWhen(type)} |`)
    .join('\n');
}

function indexPage(): string {
  const rows = PAGES.map((p) => `| [${p.title}](${p.file}) | ${p.command.split(';')[0]} |`);
  return `# Operations on running cases

Every operation is a command through the one \`step\` path, refused with a typed error when it does
not apply (wrong department \`WRONG_DEPARTMENT\`, wrong actor \`FORBIDDEN\`, wrong moment
\`WRONG_CASE_STATE\`), recorded as events with who and why. Clock effects follow from one rule
applied after every command (\`reconcileClocks\`): 挂起 stops every clock; 特别程序 stops its task's
clock and the case clock only while no task is timed; 补正 stops the case clock and the asking
task's; a case sent back to the applicant stops the case clock. BPMN timers follow (\`reconcileTimers\`):
挂起 holds every timer, 特别程序 and 补正 hold their task's boundary timers, and a held working-day
timer comes back on its calendar. Supervisors act only through
supervision commands. In \`tongban simulate\` scenarios every operation is a step
\`{ "op": "<command type>", "task": "<element id>", "department": …, …fields }\` ([simulate.md](../simulate.md)).

| operation | command |
|---|---|
${rows.join('\n')}

Supervision commands (催办 \`urge\`, 督办 \`supervise\`, \`answerSupervision\`) go through the same path: see
the supervisor's guide.

## Who may give each command, and when

\`step\` admits a command only from the actors below, before it reads the case; anyone else is
refused with \`FORBIDDEN\`, naming who may. It then admits it only in the case statuses of the
*when* column; in any other it is refused with \`WRONG_CASE_STATE\`. An actor without \`kind\` is
staff. This table is printed from the engine's own command table (\`runtime/commands/\`, whose
\`whoMay\` rules are also exported as \`WHO_MAY\`), and \`packages/engine/test/who-may.test.ts\`
plays every command with every kind of actor. Person-level rules (the delegate, the claimant, a
task's handlers, who completed what is recalled) are checked against the case afterwards and are
on each operation's page.

| command | who may | when |
|---|---|---|
${whoMayTable()}

Working-hour limits count in the centre's office hours (\`tb:officeHours\`, see
[time rules](../time-rules.md)).
`;
}

/** Every page as the engine produces it today, by file name. */
export async function renderOperationPages(): Promise<Map<string, string>> {
  const pages = new Map<string, string>();
  pages.set('README.md', indexPage());
  for (const page of PAGES) pages.set(page.file, await renderPage(page));
  return pages;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(OPERATIONS_DIR, { recursive: true });
  for (const [file, text] of await renderOperationPages()) writeFileSync(join(OPERATIONS_DIR, file), text);
  console.log(`wrote ${PAGES.length + 1} pages to ${OPERATIONS_DIR}`);
}
