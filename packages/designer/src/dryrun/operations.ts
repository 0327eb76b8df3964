import { type Actor, type Command, type TaskRecord, WHO_MAY } from '@tongban/engine';

/** A field an operation asks for in the dry run. */
export type FieldKind =
  | 'text'
  | 'days'
  | 'department'
  | 'departments'
  | 'userTask'
  | 'rejectTarget'
  | 'resubmitMode'
  | 'outcome'
  | 'handlers'
  | 'supervision';

export interface OperationField {
  readonly name: string;
  readonly kind: FieldKind;
  readonly zh: string;
  readonly en: string;
  /** Left empty, the field is not sent. */
  readonly optional?: boolean;
}

/** What a form gives an operation to build its command from. */
export interface OperationInput {
  readonly task: TaskRecord | null;
  readonly values: Readonly<Record<string, string>>;
  readonly variables: Readonly<Record<string, unknown>> | null;
}

/** An operation the dry run offers in its operations form. */
export interface OfferedOperation {
  readonly offered: 'form';
  readonly zh: string;
  readonly en: string;
  /** `task`: acts on the open task chosen; `case`: on the case; `either`: a task may be chosen. */
  readonly scope: 'task' | 'case' | 'either';
  readonly fields: readonly OperationField[];
  build(input: OperationInput): Command;
}

/** An operation the dry run drives through its own controls (a button, the clock). */
export interface OperationElsewhere {
  readonly offered: 'elsewhere';
  readonly zh: string;
  readonly en: string;
}

const REASON: OperationField = { name: 'reason', kind: 'text', zh: '理由', en: 'Reason' };
const reason = (values: Readonly<Record<string, string>>) => values.reason?.trim() || '试运行';
const taskOf = (input: OperationInput): TaskRecord => {
  if (!input.task) throw new Error('no task');
  return input.task;
};
const dept = (task: TaskRecord) => task.department ?? '';
const list = (text: string | undefined) =>
  (text ?? '')
    .split(/[,，、\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
const vars = (input: OperationInput) => (input.variables ? { variables: input.variables as never } : {});

/**
 * Every command of the engine, as the dry run offers it. Keyed by every command type (the type
 * checker refuses a missing one, and a test compares the keys with the engine's command table), so
 * a command the engine gains shows up here or the build fails.
 */
export const OPERATIONS: { readonly [K in Command['type']]: OfferedOperation | OperationElsewhere } = {
  start: { offered: 'elsewhere', zh: '受理（开始办件）', en: 'Accept (start)' },
  completeTask: {
    offered: 'elsewhere',
    zh: '办结环节（同意 / 结果按钮）',
    en: 'Complete (approve / outcome buttons)',
  },
  message: { offered: 'elsewhere', zh: '消息（✉ 按钮）', en: 'Message (✉ buttons)' },
  fireTimer: { offered: 'elsewhere', zh: '计时器（前进 1 个工作日）', en: 'Timers (advance a working day)' },
  completeService: {
    offered: 'elsewhere',
    zh: '服务任务完成（完成按钮）',
    en: 'Service done (Complete button)',
  },
  failService: {
    offered: 'form',
    zh: '服务任务失败',
    en: 'Service fails',
    scope: 'task',
    fields: [{ name: 'errorCode', kind: 'text', zh: '错误代码', en: 'Error code' }],
    build: (i) => ({
      type: 'failService',
      taskId: taskOf(i).id,
      errorCode: i.values.errorCode?.trim() || 'ERROR',
    }),
  },
  withdraw: {
    offered: 'form',
    zh: '撤件（申请人撤回）',
    en: 'Withdraw (applicant)',
    scope: 'case',
    fields: [REASON],
    build: (i) => ({ type: 'withdraw', reason: reason(i.values) }),
  },
  accept: {
    offered: 'form',
    zh: '受理（收件后）',
    en: 'Accept (after registration)',
    scope: 'case',
    fields: [],
    build: () => ({ type: 'accept', actor: { id: '试运行' } }),
  },
  refuseIntake: {
    offered: 'form',
    zh: '不予受理',
    en: 'Refuse at intake',
    scope: 'case',
    fields: [REASON],
    build: (i) => ({ type: 'refuseIntake', reason: reason(i.values), actor: { id: '试运行' } }),
  },
  suspendCase: {
    offered: 'form',
    zh: '挂起办件',
    en: 'Suspend the case',
    scope: 'case',
    fields: [REASON],
    build: (i) => ({ type: 'suspendCase', reason: reason(i.values), actor: { id: '试运行' } }),
  },
  resumeCase: {
    offered: 'form',
    zh: '激活（恢复办件）',
    en: 'Resume the case',
    scope: 'case',
    fields: [],
    build: () => ({ type: 'resumeCase', actor: { id: '试运行' } }),
  },
  startSpecialProcedure: {
    offered: 'form',
    zh: '特别程序（开始）',
    en: 'Special procedure (start)',
    scope: 'task',
    fields: [{ name: 'kind', kind: 'text', zh: '种类（如 专家评审）', en: 'Kind (e.g. 专家评审)' }, REASON],
    build: (i) => ({
      type: 'startSpecialProcedure',
      taskId: taskOf(i).id,
      department: dept(taskOf(i)),
      kind: i.values.kind?.trim() || '专家评审',
      reason: reason(i.values),
    }),
  },
  endSpecialProcedure: {
    offered: 'form',
    zh: '特别程序（结束）',
    en: 'Special procedure (end)',
    scope: 'task',
    fields: [],
    build: (i) => ({ type: 'endSpecialProcedure', taskId: taskOf(i).id, department: dept(taskOf(i)) }),
  },
  requestSupplement: {
    offered: 'form',
    zh: '补正（一次性告知）',
    en: 'Ask for 补正',
    scope: 'task',
    fields: [
      {
        name: 'items',
        kind: 'text',
        zh: '补正材料（逗号分隔）',
        en: 'Materials (comma-separated)',
        optional: true,
      },
      REASON,
    ],
    build: (i) => {
      const items = list(i.values.items);
      return {
        type: 'requestSupplement',
        taskId: taskOf(i).id,
        department: dept(taskOf(i)),
        reason: reason(i.values),
        ...(items.length > 0 ? { items } : {}),
      };
    },
  },
  supply: {
    offered: 'form',
    zh: '申请人补正材料',
    en: 'Applicant supplies materials',
    scope: 'case',
    fields: [],
    build: (i) => ({ type: 'supply', ...vars(i) }),
  },
  transferTask: {
    offered: 'form',
    zh: '转办',
    en: 'Transfer',
    scope: 'task',
    fields: [{ name: 'to', kind: 'department', zh: '转至部门', en: 'To department' }, REASON],
    build: (i) => ({
      type: 'transferTask',
      taskId: taskOf(i).id,
      department: dept(taskOf(i)),
      to: i.values.to ?? '',
      reason: reason(i.values),
    }),
  },
  delegateTask: {
    offered: 'form',
    zh: '委派',
    en: 'Delegate',
    scope: 'task',
    fields: [{ name: 'to', kind: 'text', zh: '委派给（人员）', en: 'To (person)' }],
    build: (i) => ({
      type: 'delegateTask',
      taskId: taskOf(i).id,
      department: dept(taskOf(i)),
      to: i.values.to?.trim() || '张三',
    }),
  },
  addSigner: {
    offered: 'form',
    zh: '加签',
    en: 'Add a co-handler',
    scope: 'case',
    fields: [
      { name: 'elementId', kind: 'userTask', zh: '并联会签环节', en: 'Joint review task' },
      { name: 'department', kind: 'department', zh: '加签部门', en: 'Department' },
      REASON,
    ],
    build: (i) => ({
      type: 'addSigner',
      elementId: i.values.elementId ?? '',
      department: i.values.department ?? '',
      reason: reason(i.values),
    }),
  },
  removeSigner: {
    offered: 'form',
    zh: '减签',
    en: 'Remove a co-handler',
    scope: 'task',
    fields: [REASON],
    build: (i) => ({ type: 'removeSigner', taskId: taskOf(i).id, reason: reason(i.values) }),
  },
  reject: {
    offered: 'form',
    zh: '驳回 / 退回',
    en: 'Reject / send back',
    scope: 'task',
    fields: [{ name: 'to', kind: 'rejectTarget', zh: '退回到', en: 'Back to' }, REASON],
    build: (i) => {
      const to = i.values.to ?? 'previous';
      return {
        type: 'reject',
        taskId: taskOf(i).id,
        department: dept(taskOf(i)),
        reason: reason(i.values),
        to: to === 'previous' || to === 'applicant' ? to : { elementId: to },
      };
    },
  },
  resubmit: {
    offered: 'form',
    zh: '申请人重新提交',
    en: 'Applicant resubmits',
    scope: 'case',
    fields: [{ name: 'mode', kind: 'resubmitMode', zh: '方式', en: 'Mode' }],
    build: (i) => ({ type: 'resubmit', mode: i.values.mode === 'direct' ? 'direct' : 'restart', ...vars(i) }),
  },
  jump: {
    offered: 'form',
    zh: '跳转',
    en: 'Jump',
    scope: 'case',
    fields: [{ name: 'elementId', kind: 'userTask', zh: '跳转到', en: 'To step' }, REASON],
    build: (i) => ({
      type: 'jump',
      elementId: i.values.elementId ?? '',
      reason: reason(i.values),
      actor: { id: '试运行' },
    }),
  },
  copyTo: {
    offered: 'form',
    zh: '抄送',
    en: 'Copy to',
    scope: 'either',
    fields: [
      {
        name: 'departments',
        kind: 'departments',
        zh: '抄送部门（逗号分隔）',
        en: 'Departments (comma-separated)',
      },
    ],
    build: (i) => ({
      type: 'copyTo',
      departments: list(i.values.departments),
      ...(i.task ? { taskId: i.task.id } : {}),
    }),
  },
  extend: {
    offered: 'form',
    zh: '延期',
    en: 'Extend',
    scope: 'either',
    fields: [{ name: 'days', kind: 'days', zh: '延期工作日', en: 'Working days' }, REASON],
    build: (i) => ({
      type: 'extend',
      days: Number(i.values.days || '10'),
      reason: reason(i.values),
      actor: { id: '试运行' },
      ...(i.task ? { taskId: i.task.id } : {}),
    }),
  },
  recall: {
    offered: 'form',
    zh: '撤回 / 拿回（已办结的环节）',
    en: 'Recall a completed task',
    scope: 'case',
    fields: [{ name: 'elementId', kind: 'userTask', zh: '已办结的环节', en: 'Completed task' }, REASON],
    build: (i) => ({
      type: 'recall',
      elementId: i.values.elementId ?? '',
      department: i.values.department ?? '',
      reason: reason(i.values),
    }),
  },
  claimTask: {
    offered: 'form',
    zh: '签收',
    en: 'Claim',
    scope: 'task',
    fields: [],
    build: (i) => ({
      type: 'claimTask',
      taskId: taskOf(i).id,
      department: dept(taskOf(i)),
      actor: { id: '试运行' },
    }),
  },
  unclaimTask: {
    offered: 'form',
    zh: '取消签收',
    en: 'Release the claim',
    scope: 'task',
    fields: [],
    build: (i) => ({
      type: 'unclaimTask',
      taskId: taskOf(i).id,
      department: dept(taskOf(i)),
      actor: { id: '试运行' },
    }),
  },
  signTask: {
    offered: 'form',
    zh: '签署（会签 / 票签 …）',
    en: 'Sign',
    scope: 'task',
    fields: [
      { name: 'outcome', kind: 'outcome', zh: '意见', en: 'Outcome' },
      { name: 'signer', kind: 'text', zh: '签署人', en: 'Signer' },
    ],
    build: (i) => ({
      type: 'signTask',
      taskId: taskOf(i).id,
      department: dept(taskOf(i)),
      outcome: i.values.outcome || 'approve',
      actor: { id: i.values.signer?.trim() || '试运行' },
    }),
  },
  assignHandlers: {
    offered: 'form',
    zh: '指派经办人',
    en: 'Assign handlers',
    scope: 'task',
    fields: [
      { name: 'handlers', kind: 'handlers', zh: '经办人（逗号分隔）', en: 'Handlers (comma-separated)' },
    ],
    build: (i) => ({
      type: 'assignHandlers',
      taskId: taskOf(i).id,
      department: dept(taskOf(i)),
      handlers: list(i.values.handlers),
    }),
  },
  urge: {
    offered: 'form',
    zh: '催办',
    en: 'Urge',
    scope: 'either',
    fields: [{ name: 'message', kind: 'text', zh: '催办内容', en: 'Message' }],
    build: (i) => ({
      type: 'urge',
      message: i.values.message?.trim() || '请尽快办理',
      actor: { id: '试运行' },
      ...(i.task ? { taskId: i.task.id } : {}),
    }),
  },
  supervise: {
    offered: 'form',
    zh: '督办',
    en: 'Supervise',
    scope: 'case',
    fields: [
      { name: 'department', kind: 'department', zh: '责任部门', en: 'Department' },
      { name: 'days', kind: 'days', zh: '答复时限（工作日）', en: 'Reply within (working days)' },
      { name: 'message', kind: 'text', zh: '督办内容', en: 'Order' },
    ],
    build: (i) => ({
      type: 'supervise',
      department: i.values.department ?? '',
      replyWithin: Number(i.values.days || '3'),
      message: i.values.message?.trim() || '请说明延误原因',
      actor: { id: '试运行' },
    }),
  },
  answerSupervision: {
    offered: 'form',
    zh: '答复督办',
    en: 'Answer a supervision order',
    scope: 'case',
    fields: [
      { name: 'supervisionId', kind: 'supervision', zh: '督办单', en: 'Order' },
      { name: 'answer', kind: 'text', zh: '答复', en: 'Answer' },
    ],
    build: (i) => ({
      type: 'answerSupervision',
      supervisionId: i.values.supervisionId ?? '',
      department: i.values.department ?? '',
      answer: i.values.answer?.trim() || '已办理',
    }),
  },
};

/** Command types the operations form offers, in the engine table's order. */
export function formOperations(): (keyof typeof OPERATIONS)[] {
  return (Object.keys(WHO_MAY) as Command['type'][]).filter((type) => OPERATIONS[type].offered === 'form');
}

/**
 * The actor the dry run sends a command as, read from the engine's who-may table: staff of the
 * department the command names (or of the lead department), else the first other kind allowed
 * (officer, administrator, applicant, supervisor). A signer named in the form keeps their id.
 */
export function actorFor(
  command: Command,
  task: TaskRecord | null,
  leadDepartment: string | null,
): Actor | undefined {
  const rule = WHO_MAY[command.type];
  const given = (command as { actor?: Actor }).actor;
  const id = given?.id ?? '试运行';
  const named = (command as { department?: string }).department ?? task?.department ?? null;
  if (rule.staff === 'named' && named) return { id, department: named, kind: 'staff' };
  if (rule.staff === 'lead' && leadDepartment) return { id, department: leadDepartment, kind: 'staff' };
  if (rule.staff === 'any' && (named ?? leadDepartment)) {
    return { id, department: (named ?? leadDepartment) as string, kind: 'staff' };
  }
  const kind = rule.kinds[0];
  if (kind) return { id, kind };
  return rule.anonymous ? undefined : given;
}
