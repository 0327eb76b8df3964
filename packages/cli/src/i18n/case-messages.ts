import type { Lang } from './lang.js';

/** Everything `tongban deploy`, `tongban case …` and `tongban worklist` print besides data, per language. */
export interface CaseMessages {
  readonly deployed: (processId: string, version: number, hash: string) => string;
  /** One line for a case: status, light and last day (截止日期). */
  readonly caseLine: (caseId: string, status: string, light: string, lastDay: string) => string;
  readonly matter: (code: string, process: string, received: string) => string;
  readonly openTasks: string;
  readonly noOpenTasks: string;
  /** An open task: its id (for `case complete --task`), department, name, light and last day. */
  readonly taskLine: (id: string, department: string, name: string, light: string, lastDay: string) => string;
  readonly eventsOf: (caseId: string, count: number) => string;
  readonly listHeader: readonly string[];
  readonly worklistHeader: readonly string[];
  readonly noCases: string;
  readonly noTasks: string;
  /** "shown of total" under a page. */
  readonly page: (from: number, to: number, total: number) => string;
  /** Marks a worklist light that is the case's, because the task has no clock of its own. */
  readonly caseLightMark: string;
  readonly caseLightLegend: string;
}

const MESSAGES: Readonly<Record<Lang, CaseMessages>> = {
  'zh-CN': {
    deployed: (processId, version, hash) => `已部署 ${processId} 第 ${version} 版（${hash}）`,
    caseLine: (caseId, status, light, lastDay) =>
      `办件 ${caseId}：${status}  灯色 ${light}  截止日期 ${lastDay}`,
    matter: (code, process, received) => `事项 ${code}  流程 ${process}  受理 ${received}`,
    openTasks: '在办环节：',
    noOpenTasks: '没有在办环节',
    taskLine: (id, department, name, light, lastDay) =>
      `  ${id}  ${department} ${name}  灯色 ${light}  截止日期 ${lastDay}`,
    eventsOf: (caseId, count) => `办件 ${caseId} 共 ${count} 条记录`,
    listHeader: ['灯', '办件', '事项', '状态', '截止日期', '受理时间'],
    worklistHeader: ['灯', '办件', '环节', '部门', '截止日期', '事项', '经办'],
    noCases: '没有符合条件的办件',
    noTasks: '没有待办',
    page: (from, to, total) => `第 ${from}–${to} 条，共 ${total} 条`,
    caseLightMark: '*',
    caseLightLegend: '* 该环节没有自己的时限，灯色取自办件',
  },
  en: {
    deployed: (processId, version, hash) => `deployed ${processId} version ${version} (${hash})`,
    caseLine: (caseId, status, light, lastDay) =>
      `case ${caseId}: ${status}  light ${light}  last day ${lastDay}`,
    matter: (code, process, received) => `matter ${code}  process ${process}  received ${received}`,
    openTasks: 'open tasks:',
    noOpenTasks: 'no open tasks',
    taskLine: (id, department, name, light, lastDay) =>
      `  ${id}  ${department} ${name}  light ${light}  last day ${lastDay}`,
    eventsOf: (caseId, count) => `case ${caseId}: ${count} events`,
    listHeader: ['light', 'case', 'matter', 'status', 'last day', 'received'],
    worklistHeader: ['light', 'case', 'task', 'department', 'last day', 'matter', 'handler'],
    noCases: 'no cases match',
    noTasks: 'nothing to do',
    page: (from, to, total) => `${from}–${to} of ${total}`,
    caseLightMark: '*',
    caseLightLegend: "* the task has no time limit of its own: the light is its case's",
  },
};

export const caseMessages = (lang: Lang): CaseMessages => MESSAGES[lang];
