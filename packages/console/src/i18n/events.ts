import { language } from './index.js';

/** Timeline words for the events people look for; other events show their type. */
const WORDS: Readonly<Record<string, readonly [zh: string, en: string]>> = {
  'case.registered': ['登记', 'Registered'],
  'case.started': ['受理', 'Accepted'],
  'case.refused': ['不予受理', 'Not accepted'],
  'case.suspended': ['挂起', 'Suspended'],
  'case.resumed': ['恢复', 'Resumed'],
  'case.resubmitted': ['重新提交', 'Resubmitted'],
  'case.extended': ['延期', 'Extended'],
  'case.supervised': ['督办', 'Supervision order'],
  'case.completed': ['办结', 'Decided'],
  'case.terminated': ['终止', 'Terminated'],
  'case.withdrawn': ['撤件', 'Withdrawn'],
  'light.changed': ['灯色变化', 'Light changed'],
  'task.opened': ['环节到达', 'Task opened'],
  'task.completed': ['环节办结', 'Task completed'],
  'task.cancelled': ['环节取消', 'Task cancelled'],
  'task.rejected': ['驳回', 'Rejected'],
  'task.transferred': ['转办', 'Transferred'],
  'task.delegated': ['委派', 'Delegated'],
  'task.claimed': ['签收', 'Claimed'],
  'task.urged': ['催办', 'Urged'],
  'task.timedOut': ['环节超时', 'Task timed out'],
  'supplement.requested': ['要求补正', 'Materials asked for'],
  'supplement.supplied': ['补正材料已提交', 'Materials supplied'],
  'supervision.answered': ['督办已回复', 'Order answered'],
  'supervision.overdue': ['督办逾期未回复', 'Order overdue'],
};

export function eventWord(type: string): string {
  const words = WORDS[type];
  return words ? (language() === 'en' ? words[1] : words[0]) : type;
}
