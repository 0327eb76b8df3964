import type { CaseStatus, Light } from '@tongban/engine';
import type { Lang } from './lang.js';

// Stored values are English identifiers; a Chinese screen shows the words staff use for them.
const STATUS: Readonly<Record<Lang, Readonly<Record<CaseStatus, string>>>> = {
  'zh-CN': {
    pending: '待受理',
    running: '办理中',
    suspended: '挂起',
    returned: '退回',
    completed: '办结',
    terminated: '终止',
    withdrawn: '撤件',
    refused: '不予许可',
    failed: '异常',
  },
  en: {
    pending: 'pending',
    running: 'running',
    suspended: 'suspended',
    returned: 'returned',
    completed: 'completed',
    terminated: 'terminated',
    withdrawn: 'withdrawn',
    refused: 'refused',
    failed: 'failed',
  },
};

const LIGHT: Readonly<Record<Lang, Readonly<Record<Light, string>>>> = {
  'zh-CN': { red: '红', yellow: '黄', green: '绿' },
  en: { red: 'red', yellow: 'yellow', green: 'green' },
};

/** A case status in `lang`; an unknown value (a newer engine) is shown as stored. */
export function statusName(status: string, lang: Lang): string {
  return (STATUS[lang] as Readonly<Record<string, string>>)[status] ?? status;
}

/** A light's name in `lang`. */
export const lightName = (light: Light, lang: Lang): string => LIGHT[lang][light];
