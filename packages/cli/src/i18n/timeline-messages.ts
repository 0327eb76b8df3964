import type { Lang } from './lang.js';

/** The words of the demo's readable timeline, per language (element and department names are data). */
export interface TimelineWords {
  readonly light: Readonly<Record<string, string>>;
  readonly role: Readonly<Record<string, string>>;
  readonly outcome: Readonly<Record<string, string>>;
  readonly done: string;
  readonly due: string;
  readonly opinion: string;
  readonly accepted: string;
  readonly caseWord: string;
  readonly opened: string;
  readonly completed: string;
  readonly cancelled: string;
  readonly routed: string;
  readonly received: string;
  readonly timer: string;
  readonly workingDaysLeft: (n: string) => string;
  readonly timedOut: string;
  readonly deemedAgreed: string;
  readonly autoRejected: string;
  readonly urged: string;
  readonly supervised: string;
  readonly replyBy: string;
  readonly supervisionOverdue: string;
  readonly supervisionAnswered: string;
  readonly lateAnswer: string;
  readonly supplementRequested: string;
  readonly supplementSupplied: string;
  readonly supplementCancelled: string;
  readonly caseEnded: string;
  readonly taskCancelled: string;
  readonly serviceCalled: string;
  readonly caseCompleted: string;
  readonly caseWithdrawn: string;
  readonly caseTerminated: string;
  readonly caseFailed: string;
}

const WORDS: Readonly<Record<Lang, TimelineWords>> = {
  'zh-CN': {
    light: { green: '绿灯', yellow: '黄灯', red: '红灯' },
    role: { lead: '牵头', co: '协办' },
    outcome: { approve: '同意', reject: '不同意', return: '退回', deny: '不予许可' },
    done: '完成',
    due: '期限',
    opinion: '意见：',
    accepted: '受理',
    caseWord: '办件',
    opened: '待办',
    completed: '办理',
    cancelled: '撤销',
    routed: '流转',
    received: '收到',
    timer: '定时',
    workingDaysLeft: (n) => `剩余 ${n} 个工作日`,
    timedOut: '逾期处理',
    deemedAgreed: '视为同意',
    autoRejected: '自动驳回',
    urged: '催办',
    supervised: '督办',
    replyBy: '答复期限',
    supervisionOverdue: '督办逾期',
    supervisionAnswered: '督办答复',
    lateAnswer: '（逾期答复）',
    supplementRequested: '补正告知',
    supplementSupplied: '补正材料已提交',
    supplementCancelled: '补正告知失效',
    caseEnded: '办件已结束',
    taskCancelled: '环节已撤销',
    serviceCalled: '调用',
    caseCompleted: '办结',
    caseWithdrawn: '撤回',
    caseTerminated: '终止',
    caseFailed: '异常',
  },
  en: {
    light: { green: 'green', yellow: 'yellow', red: 'red' },
    role: { lead: 'lead', co: 'co-handling' },
    outcome: { approve: 'approved', reject: 'rejected', return: 'sent back', deny: 'denied' },
    done: 'done',
    due: 'last day',
    opinion: 'opinion: ',
    accepted: 'accepted',
    caseWord: 'case',
    opened: 'to do',
    completed: 'done',
    cancelled: 'cancelled',
    routed: 'route',
    received: 'received',
    timer: 'timer',
    workingDaysLeft: (n) => `${n} working days left`,
    timedOut: 'timed out',
    deemedAgreed: 'deemed to agree',
    autoRejected: 'rejected automatically',
    urged: 'urged',
    supervised: 'supervised',
    replyBy: 'reply by',
    supervisionOverdue: 'supervision overdue',
    supervisionAnswered: 'supervision answered',
    lateAnswer: ' (late)',
    supplementRequested: 'materials requested',
    supplementSupplied: 'materials supplied',
    supplementCancelled: 'materials request void',
    caseEnded: 'the case ended',
    taskCancelled: 'the task was cancelled',
    serviceCalled: 'service',
    caseCompleted: 'completed',
    caseWithdrawn: 'withdrawn',
    caseTerminated: 'terminated',
    caseFailed: 'failed',
  },
};

export const timelineWords = (lang: Lang): TimelineWords => WORDS[lang];
