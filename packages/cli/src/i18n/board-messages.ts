import type { Lang } from './lang.js';

/** Everything `tongban board` prints as text besides data, per language. */
export interface BoardMessages {
  readonly empty: string;
  readonly header: readonly string[];
  readonly task: (deadline: string, remaining: string, responsible: string | null) => string;
}

const MESSAGES: Readonly<Record<Lang, BoardMessages>> = {
  'zh-CN': {
    empty: '没有在办的办件',
    header: ['灯', '办件', '事项', '牵头部门', '受理人', '截止日期', '剩余工作日', '状态'],
    task: (deadline, remaining, responsible) =>
      `  截止 ${deadline}  剩余 ${remaining} 个工作日${responsible ? `  经办 ${responsible}` : ''}`,
  },
  en: {
    empty: 'no open cases',
    header: ['light', 'case', 'matter', 'lead', 'accepted by', 'last day', 'days left', 'status'],
    task: (deadline, remaining, responsible) =>
      `  last day ${deadline}  ${remaining} working days left${responsible ? `  handled by ${responsible}` : ''}`,
  },
};

export const boardMessages = (lang: Lang): BoardMessages => MESSAGES[lang];
