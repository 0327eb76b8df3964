import { EN } from './catalogue-en.js';
import { ZH } from './catalogue-zh.js';
import type { MessageCode } from './codes.js';

/** The languages the catalogues speak. */
export type MessageLanguage = 'zh-CN' | 'en';

/** Parameter values of a message. */
export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * Anything with a stable code: a `Diagnostic`, a `TongbanError` (its own fields such as
 * `lastYear` or `cap` become parameters), or a plain `{ code, params }`.
 */
export interface Problem {
  readonly code: string;
  readonly message?: string;
  readonly elementId?: string | null | undefined;
  readonly caseId?: string | undefined;
  readonly params?: MessageParams | undefined;
}

export interface LocalizeOptions {
  /**
   * How to name an element in the message (e.g. its name, or a flow by its ends: 受理 → 审查).
   * Default: the element id in quotes.
   */
  readonly describe?: (elementId: string) => string | undefined;
}

const CATALOGUES: Readonly<Record<MessageLanguage, Readonly<Record<MessageCode, string>>>> = {
  'zh-CN': ZH,
  en: EN,
};

/** Whether a catalogue has an entry for `code` (own keys only). */
export function isMessageCode(code: string): code is MessageCode {
  return Object.hasOwn(ZH, code);
}

/** Every code the catalogues cover, for tests and docs. */
export function messageCodes(): MessageCode[] {
  return Object.keys(ZH) as MessageCode[];
}

/** The catalogue template of a code in a language (`{name}` parameters, `[[…]]` optional parts). */
export function messageTemplate(code: MessageCode, lang: MessageLanguage): string {
  return CATALOGUES[lang][code];
}

/** Panel field names of the `tb:` attributes and other fields a problem can point at. */
const FIELD_NAMES: Readonly<Record<string, { 'zh-CN': string; en: string }>> = {
  matterCode: { 'zh-CN': '事项编码', en: 'Matter code' },
  matterName: { 'zh-CN': '事项名称', en: 'Matter name' },
  matterKind: { 'zh-CN': '办件类型', en: 'Matter kind' },
  legalLimit: { 'zh-CN': '法定办结时限', en: 'Legal time limit' },
  legalLimitUnit: { 'zh-CN': '法定办结时限单位', en: 'Legal time limit unit' },
  promisedLimit: { 'zh-CN': '承诺办结时限', en: 'Promised time limit' },
  promisedLimitUnit: { 'zh-CN': '承诺办结时限单位', en: 'Promised time limit unit' },
  warning: { 'zh-CN': '预警阈值', en: 'Warning threshold' },
  warningUnit: { 'zh-CN': '预警阈值单位', en: 'Warning threshold unit' },
  extensionCap: { 'zh-CN': '延期上限', en: 'Extension cap' },
  calendar: { 'zh-CN': '工作日历', en: 'Calendar' },
  rejectMode: { 'zh-CN': '驳回方式', en: 'Rejection in a parallel stage' },
  supplementMode: { 'zh-CN': '补正后重新审查', en: 'Review after 补正' },
  officeHours: { 'zh-CN': '办公时间', en: 'Office hours' },
  department: { 'zh-CN': '办理部门', en: 'Department' },
  role: { 'zh-CN': '角色', en: 'Role' },
  timeLimit: { 'zh-CN': '环节时限', en: 'Time limit' },
  timeLimitUnit: { 'zh-CN': '环节时限单位', en: 'Time limit unit' },
  departments: { 'zh-CN': '并联协办部门', en: 'Co-handling departments' },
  collection: { 'zh-CN': '部门列表变量', en: 'Department list variable' },
  timeoutAction: { 'zh-CN': '超时处理', en: 'When the task limit runs out' },
  decisionMode: { 'zh-CN': '部门内决定方式', en: 'Decision inside the department' },
  handlers: { 'zh-CN': '经办人', en: 'Handlers' },
  passRatio: { 'zh-CN': '通过比例', en: 'Pass ratio' },
  claim: { 'zh-CN': '签收', en: 'Claiming' },
  handler: { 'zh-CN': '服务处理器', en: 'Service handler' },
  condition: { 'zh-CN': '条件（FEEL）', en: 'Condition (FEEL)' },
  timer: { 'zh-CN': '时长', en: 'Duration' },
};

/** The field a code is about when its message names none. */
const FIELD_OF_CODE: Partial<Record<MessageCode, string>> = {
  MISSING_DEPARTMENT: 'department',
  BAD_ROLE: 'role',
  MISSING_CONDITION: 'condition',
  BAD_CONDITION: 'condition',
  BAD_TIMER: 'timer',
  MISSING_HANDLER: 'handler',
  BAD_MULTI_INSTANCE: 'departments',
  BAD_DECISION_MODE: 'decisionMode',
  UNKNOWN_CALENDAR: 'calendar',
  CO_STAGE_NO_LIMIT: 'timeLimit',
  LIMITS_EXCEED_PROMISE: 'timeLimit',
};

/**
 * The properties-panel field a problem is about: a `tb:` attribute's local name (`department`,
 * `timeLimit`, `promisedLimit` …), `condition` or `timer`; null when it is about no one field.
 * Read from `params.field`, else the first `tb:` attribute the engine's message names, else the code.
 */
export function problemField(problem: Problem): string | null {
  const given = problem.params?.field;
  if (typeof given === 'string') return given;
  const named = /\btb:([A-Za-z]+)/.exec(problem.message ?? '')?.[1];
  if (named !== undefined && Object.hasOwn(FIELD_NAMES, named)) return named;
  return isMessageCode(problem.code) ? (FIELD_OF_CODE[problem.code] ?? null) : null;
}

/** A field's name as the properties panel shows it. */
export function fieldName(field: string, lang: MessageLanguage): string {
  return FIELD_NAMES[field]?.[lang] ?? field;
}

const SKIPPED = new Set(['message', 'name', 'stack', 'code', 'params', 'cause']);

/** Parameters of a problem: its own string and number fields, then its `params`. */
function paramsOf(problem: Problem): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(problem)) {
    if (SKIPPED.has(key)) continue;
    if (typeof value === 'string' || typeof value === 'number') params[key] = value;
  }
  return { ...params, ...(problem.params ?? {}) };
}

/** Fills `{name}` parameters; drops each `[[…]]` part whose parameters are not all given. */
export function fillTemplate(template: string, params: MessageParams): string {
  const fill = (text: string): string | null => {
    let missing = false;
    const out = text.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = params[name];
      if (value === undefined || value === '') {
        missing = true;
        return '';
      }
      return String(value);
    });
    return missing ? null : out;
  };
  const withOptional = template.replace(/\[\[(.*?)\]\]/g, (_, part: string) => fill(part) ?? '');
  return withOptional.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/**
 * A problem in the reader's language, from the catalogue entry of its stable code: for a
 * diagnostic, what is wrong and what to do in the panel's words; for an error, why it was refused.
 * A code no catalogue knows (e.g. an adapter's) keeps its own message.
 */
export function localize(problem: Problem, lang: MessageLanguage, options: LocalizeOptions = {}): string {
  if (!isMessageCode(problem.code)) return problem.message ?? problem.code;
  const params = paramsOf(problem);
  const id = problem.elementId ?? null;
  const element =
    id === null ? undefined : (options.describe?.(id) ?? (lang === 'en' ? `"${id}"` : `“${id}”`));
  const field = problemField(problem);
  const filled: Record<string, string | number> = { ...params };
  // A problem about no element reads from its second clause (“{element}：” would be empty).
  filled.element = element ?? '';
  if (field !== null) filled.field = fieldName(field, lang);
  const text = fillTemplate(messageTemplate(problem.code, lang), filled);
  return text.replace(/^[：:]\s*/, '');
}
