import type { CaseEvent } from '../model/events.js';
import type { JsonValue } from '../model/json.js';
import type { MatterInfo } from '../model/process.js';
import type { TimeUnit } from '../model/time.js';
import { beijingTime } from './beijing.js';
import type { CsvValue } from './csv.js';
import { TIME_RULES } from './payload.js';
import type { AccountabilityFiring } from './rules.js';

/** One exported record: GB/T 39046-2020 field name → value (times as Beijing time). */
export type ExportRecord = Readonly<Record<string, CsvValue>>;

/** 办件 columns, in order. */
export const CASE_COLUMNS = [
  '办件编号',
  '事项基本编码',
  '事项实施编码',
  '事项名称',
  '办件类型',
  '法定办结时限',
  '法定办结时限单位',
  '承诺办结时限',
  '承诺办结时限单位',
  '受理时间',
  '受理人',
  '受理窗口',
  '牵头部门',
  '承诺办结时间',
  '办结时间',
  '办件状态',
  '是否超期',
  '超期工作日',
  '已用工作日',
  '特别程序种类',
] as const;

/** 办理环节 columns, in order. */
export const TASK_COLUMNS = [
  '办件编号',
  '环节编号',
  '环节标识',
  '办理部门',
  '部门角色',
  '环节办理状态',
  '环节结束方式',
  '环节开始时间',
  '环节办理时限',
  '环节办结时间',
  '办理人',
  '办理结果',
  '办理意见',
  '是否超期',
  '超期工作日',
  '特别程序种类',
] as const;

/** 督办 / 催办 / 预警 / 问责 records, in order. */
export const SUPERVISION_COLUMNS = [
  '办件编号',
  '督办编号',
  '督办类型',
  '督办内容',
  '督办发出时间',
  '督办对象部门',
  '环节编号',
  '督办人',
  '回复期限',
  '回复内容',
  '回复时间',
  '监察规则编号',
  '监察预警类型代码',
  '问责等级',
] as const;

/**
 * 监察预警类型代码 as Tongban writes them (map them to a province's code table if it has one):
 * 1 黄灯预警, 2 红灯逾期, 3 督办逾期, 4 效能问责.
 */
export const WARNING_TYPE_CODES = {
  yellow: '1',
  red: '2',
  supervisionOverdue: '3',
  accountability: '4',
} as const;

/** What an export knows beyond the events: the matter of each case, and codes the host keeps. */
export interface ExportContext {
  /** The matter a case is an application for (from its definition). */
  readonly matterOf?: (caseId: string) => MatterInfo | null;
  /** 事项基本编码 kept on the case (e.g. the store's `matter_code`); overrides the matter's code. */
  readonly matterCodeOf?: (caseId: string) => string | null;
  /** 事项实施编码, when the host knows it. */
  readonly implementationCodeOf?: (caseId: string) => string | null;
}

const UNIT_NAMES: Readonly<Record<TimeUnit, string>> = {
  workingDays: '工作日',
  naturalDays: '自然日',
  hours: '小时',
  workingHours: '工作小时',
};

const str = (value: JsonValue | undefined): string | null => (typeof value === 'string' ? value : null);
const num = (value: JsonValue | undefined): number | null => (typeof value === 'number' ? value : null);
const time = (value: number | null | undefined): string | null =>
  value === null || value === undefined ? null : beijingTime(value);
const overBy = (data: Readonly<Record<string, JsonValue>>): number | null => {
  const remaining = num(data.remainingWorkingDays);
  return data.late === true && remaining !== null ? -remaining : data.late === false ? 0 : null;
};

/** GB/T 39046 特别程序种类: 1 延长审批 (延期), 2 other (听证, 检验, 专家评审 …). */
function specialProcedureCode(kind: string | null): string {
  return kind === '1' || kind === '延长审批' || kind === '延期' ? '1' : '2';
}

const STATUS_NAMES: Readonly<Record<string, string>> = {
  'case.completed': '办结',
  'case.withdrawn': '撤回',
  'case.terminated': '终止',
  'case.failed': '异常',
  'case.refused': '不予受理',
};

/** 办件 records, one per case that was accepted (受理), in order of acceptance. */
export function caseRecords(events: Iterable<CaseEvent>, context: ExportContext = {}): ExportRecord[] {
  const cases = new Map<string, Record<string, CsvValue>>();
  const leadOf = new Map<string, string>();
  const specials = new Map<string, Set<string>>();
  for (const event of events) {
    const data = event.data ?? {};
    if (event.type === 'case.started') {
      const matter = context.matterOf?.(event.caseId) ?? null;
      cases.set(event.caseId, {
        办件编号: event.caseId,
        事项基本编码: context.matterCodeOf?.(event.caseId) ?? matter?.code ?? null,
        事项实施编码: context.implementationCodeOf?.(event.caseId) ?? null,
        事项名称: matter?.name ?? null,
        办件类型: matter?.kind === 'immediate' ? '1' : matter?.kind === 'promised' ? '2' : null,
        法定办结时限: matter?.legalLimit?.amount ?? null,
        法定办结时限单位: matter?.legalLimit ? UNIT_NAMES[matter.legalLimit.unit] : null,
        承诺办结时限: matter?.promisedLimit?.amount ?? null,
        承诺办结时限单位: matter?.promisedLimit ? UNIT_NAMES[matter.promisedLimit.unit] : null,
        受理时间: beijingTime(event.at),
        受理人: str(data.actor),
        受理窗口: str(data.window),
        牵头部门: null,
        承诺办结时间: time(num(data.dueAt)),
        办结时间: null,
        办件状态: '在办',
        是否超期: null,
        超期工作日: null,
        已用工作日: null,
        特别程序种类: null,
      });
      continue;
    }
    const record = cases.get(event.caseId);
    if (!record) continue;
    if (
      event.type === 'task.opened' &&
      event.role === 'lead' &&
      event.department &&
      !leadOf.has(event.caseId)
    ) {
      leadOf.set(event.caseId, event.department);
      record.牵头部门 = event.department;
    } else if (event.type === 'light.changed' && data.clock === 'case' && num(data.dueAt) !== null) {
      record.承诺办结时间 = time(num(data.dueAt));
    } else if (event.type === 'case.suspended') {
      record.办件状态 = '挂起';
    } else if (event.type === 'case.resumed') {
      record.办件状态 = '在办';
    } else if (event.type === 'task.specialProcedureStarted' || event.type === 'case.extended') {
      const codes = specials.get(event.caseId) ?? new Set<string>();
      codes.add(event.type === 'case.extended' ? '1' : specialProcedureCode(str(data.kind)));
      specials.set(event.caseId, codes);
      record.特别程序种类 = [...codes].sort().join(';');
    } else if (STATUS_NAMES[event.type] !== undefined) {
      record.办件状态 = STATUS_NAMES[event.type] ?? null;
      record.办结时间 = beijingTime(event.at);
      if (num(data.dueAt) !== null) record.承诺办结时间 = time(num(data.dueAt));
      if (typeof data.late === 'boolean') record.是否超期 = data.late ? '1' : '0';
      record.超期工作日 = overBy(data);
      record.已用工作日 = num(data.workingDaysUsed);
    }
  }
  return [...cases.values()];
}

/** 办理环节 records: one per user task, open (环节办理状态 1 待办) or closed (2 已办). */
export function taskRecords(events: Iterable<CaseEvent>): ExportRecord[] {
  const tasks = new Map<string, Record<string, CsvValue>>();
  const key = (event: CaseEvent): string => `${event.caseId}\u0000${event.taskId ?? ''}`;
  for (const event of events) {
    if (event.taskId === undefined) continue;
    const data = event.data ?? {};
    if (event.type === 'task.opened') {
      tasks.set(key(event), {
        办件编号: event.caseId,
        环节编号: event.taskId,
        环节标识: event.elementId ?? null,
        办理部门: event.department ?? null,
        部门角色: event.role === 'lead' ? '牵头' : event.role === 'co' ? '协办' : null,
        环节办理状态: '1',
        环节结束方式: null,
        环节开始时间: beijingTime(event.at),
        环节办理时限: time(num(data.dueAt)),
        环节办结时间: null,
        办理人: null,
        办理结果: null,
        办理意见: null,
        是否超期: null,
        超期工作日: null,
        特别程序种类: null,
      });
      continue;
    }
    const record = tasks.get(key(event));
    if (!record) continue;
    if (event.type === 'light.changed' && num(data.dueAt) !== null)
      record.环节办理时限 = time(num(data.dueAt));
    else if (event.type === 'task.specialProcedureStarted')
      record.特别程序种类 = specialProcedureCode(str(data.kind));
    else if (event.type === 'task.extended') record.特别程序种类 = '1';
    else if (event.type === 'task.completed' || event.type === 'task.cancelled') {
      record.环节办理状态 = '2';
      record.环节结束方式 = event.type === 'task.completed' ? '办结' : '取消';
      record.环节办结时间 = beijingTime(event.at);
      if (event.type === 'task.completed') {
        record.办理人 = str(data.actor) ?? str(data.by);
        record.办理结果 = str(data.outcome);
        record.办理意见 = str(data.opinion);
        if (num(data.dueAt) !== null) record.环节办理时限 = time(num(data.dueAt));
        if (typeof data.late === 'boolean') record.是否超期 = data.late ? '1' : '0';
        record.超期工作日 = overBy(data);
      }
    }
  }
  return [...tasks.values()];
}

/**
 * Supervision records: 催办, 督办 (with the department's reply), light warnings (黄灯/红灯),
 * 督办逾期 and accountability firings, in time order.
 */
export function supervisionRecords(
  events: Iterable<CaseEvent>,
  firings: readonly AccountabilityFiring[] = [],
): ExportRecord[] {
  const out: { at: number; record: Record<string, CsvValue> }[] = [];
  const orders = new Map<string, Record<string, CsvValue>>();
  const row = (event: CaseEvent, fields: Record<string, CsvValue>): Record<string, CsvValue> => ({
    办件编号: event.caseId,
    督办编号: null,
    督办类型: null,
    督办内容: null,
    督办发出时间: beijingTime(event.at),
    督办对象部门: event.department ?? null,
    环节编号: event.taskId ?? null,
    督办人: str(event.data?.actor),
    回复期限: null,
    回复内容: null,
    回复时间: null,
    监察规则编号: null,
    监察预警类型代码: null,
    问责等级: null,
    ...fields,
  });
  for (const event of events) {
    const data = event.data ?? {};
    if (event.type === 'task.urged') {
      out.push({ at: event.at, record: row(event, { 督办类型: '催办', 督办内容: str(data.message) }) });
    } else if (event.type === 'case.supervised') {
      const id = str(data.supervisionId);
      const record = row(event, {
        督办编号: id,
        督办类型: '督办',
        督办内容: str(data.message),
        回复期限: time(num(data.dueAt)),
        监察规则编号: str(data.ruleId),
      });
      if (id !== null) orders.set(`${event.caseId}\u0000${id}`, record);
      out.push({ at: event.at, record });
    } else if (event.type === 'supervision.answered') {
      const order = orders.get(`${event.caseId}\u0000${str(data.supervisionId) ?? ''}`);
      if (order) {
        order.回复内容 = str(data.answer);
        order.回复时间 = beijingTime(event.at);
      }
    } else if (event.type === 'supervision.overdue') {
      out.push({
        at: event.at,
        record: row(event, {
          督办编号: str(data.supervisionId),
          督办类型: '督办逾期',
          督办内容: str(data.message),
          督办人: null,
          回复期限: time(num(data.dueAt)),
          监察规则编号: str(data.ruleId) ?? TIME_RULES.supervisionOverdue,
          监察预警类型代码: WARNING_TYPE_CODES.supervisionOverdue,
        }),
      });
    } else if (event.type === 'light.changed' && (data.to === 'yellow' || data.to === 'red')) {
      const red = data.to === 'red';
      out.push({
        at: event.at,
        record: row(event, {
          督办类型: red ? '红灯' : '黄灯',
          督办内容: `${data.clock === 'task' ? '环节' : '办件'}${red ? '已超期' : '临近办理时限'}`,
          督办人: null,
          回复期限: time(num(data.dueAt)),
          监察规则编号: red ? TIME_RULES.red : TIME_RULES.yellow,
          监察预警类型代码: red ? WARNING_TYPE_CODES.red : WARNING_TYPE_CODES.yellow,
        }),
      });
    }
  }
  for (const fired of firings) {
    out.push({
      at: fired.at,
      record: {
        办件编号: fired.caseId,
        督办编号: null,
        督办类型: '效能问责',
        督办内容: fired.workingDaysOver === null ? null : `逾期${fired.workingDaysOver}个工作日`,
        督办发出时间: beijingTime(fired.at),
        督办对象部门: fired.department,
        环节编号: fired.taskId,
        督办人: null,
        回复期限: null,
        回复内容: null,
        回复时间: null,
        监察规则编号: fired.ruleId,
        监察预警类型代码: WARNING_TYPE_CODES.accountability,
        问责等级: fired.level,
      },
    });
  }
  return out.sort((a, b) => a.at - b.at).map((entry) => entry.record);
}
