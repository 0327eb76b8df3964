import type { Lang } from './lang.js';

/** The words of `tongban validate --explain`, per language. */
export interface ExplainLanguage {
  readonly compiles: (warnings: number) => string;
  readonly refused: (errors: number, warnings: number) => string;
  /** The heading of one group of warnings: what was read from `source`. */
  readonly group: (code: string, source: string, count: number) => string;
  readonly others: (count: number) => string;
  readonly errors: (count: number) => string;
  readonly nothingInferred: string;
}

const DEPARTMENT = 'DEPARTMENT_INFERRED';

const LANGUAGES: Readonly<Record<Lang, ExplainLanguage>> = {
  'zh-CN': {
    compiles: (warnings) => (warnings === 0 ? '可以编译，无提示' : `可以编译，有 ${warnings} 条提示`),
    refused: (errors, warnings) => `不能编译：${errors} 个错误，${warnings} 条提示`,
    group: (code, source, count) => {
      if (code === DEPARTMENT)
        return source === 'lane' ? `部门取自泳道名（${count}）` : `部门取自 ${source}（${count}）`;
      if (code === 'HANDLER_INFERRED') return `处理程序名取自 ${source}（${count}）`;
      if (code === 'JUEL_TRANSLATED') return `JUEL 条件译为 FEEL（${count}）`;
      if (code === 'TASK_READ_AS_USER_TASK') return `${source} 按用户任务办理（${count}）`;
      if (code === 'MULTI_INSTANCE_OVER_PEOPLE') return `多实例会签改为部门内签批（${count}）`;
      return `${source}（${count}）`;
    },
    others: (count) => `其他提示（${count}）`,
    errors: (count) => `错误（${count}）`,
    nothingInferred: '未从厂商属性或泳道推断任何内容',
  },
  en: {
    compiles: (warnings) => (warnings === 0 ? 'compiles, no warnings' : `compiles, ${warnings} warnings`),
    refused: (errors, warnings) => `refused: ${errors} errors, ${warnings} warnings`,
    group: (code, source, count) => {
      if (code === DEPARTMENT)
        return source === 'lane'
          ? `department from the lane's name (${count})`
          : `department from ${source} (${count})`;
      if (code === 'HANDLER_INFERRED') return `handler name from ${source} (${count})`;
      if (code === 'JUEL_TRANSLATED') return `JUEL conditions run as FEEL (${count})`;
      if (code === 'TASK_READ_AS_USER_TASK') return `${source} run as a user task (${count})`;
      if (code === 'MULTI_INSTANCE_OVER_PEOPLE')
        return `会签 over people run as one task with a decision mode (${count})`;
      return `${source} (${count})`;
    },
    others: (count) => `other warnings (${count})`,
    errors: (count) => `errors (${count})`,
    nothingInferred: 'nothing was taken from vendor attributes or lanes',
  },
};

export function explainLanguage(lang: Lang): ExplainLanguage {
  return LANGUAGES[lang];
}
