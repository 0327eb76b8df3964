import { en } from './en.js';
import { zhCN } from './zh-CN.js';

export type Language = 'zh-CN' | 'en';
export type MessageKey = keyof typeof zhCN;

const TABLES: Record<Language, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'tongban.console.lang';

/** Chinese unless the URL (`?lang=en`) or a saved choice says English. */
export function initialLanguage(): Language {
  const asked = new URLSearchParams(location.search).get('lang') ?? localStorage.getItem(STORAGE_KEY);
  return asked === 'en' ? 'en' : 'zh-CN';
}

let current: Language = 'zh-CN';

export function language(): Language {
  return current;
}

export function setLanguage(next: Language): void {
  current = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
}

/** The message in the current language, `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  return TABLES[current][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** A translated key when the table has it (statuses and kinds come from the server as data). */
export function tOr(key: string, fallback: string): string {
  return key in zhCN ? t(key as MessageKey) : fallback;
}
