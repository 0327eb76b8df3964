import { type Lang, resolveLang } from './i18n/lang.js';

/** A step's words in both languages: progress speaks the reader's language like the rest. */
export interface ProgressText {
  readonly 'zh-CN': string;
  readonly en: string;
}

/**
 * Progress on stderr for anything that takes more than a second (opening the embedded database
 * takes seconds): a newcomer who sees nothing for 20 s thinks the command hangs. stderr keeps
 * stdout for the output itself, so pipes and `--json` stay clean.
 */
export function progress(text: ProgressText, lang: Lang = resolveLang(undefined)): void {
  progressLine(text[lang]);
}

/** One progress line already in the output's language. */
export function progressLine(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** Seconds since `start` (a `performance.now()`), for "done in 6.8 s" lines. */
export const elapsed = (start: number): string => ((performance.now() - start) / 1000).toFixed(1);
