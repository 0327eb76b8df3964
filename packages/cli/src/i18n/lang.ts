import { UsageError } from '../usage-error.js';

/** The languages the CLI's human-facing outputs speak; each output speaks exactly one. */
export type Lang = 'zh-CN' | 'en';

/**
 * `--lang` wins; else `LANG`/`LC_ALL` when they name Chinese or English; else Chinese. A bare
 * `C`/`POSIX` locale (containers, CI) says nothing about the reader, and Tongban's readers are
 * government staff, so it does not switch the output to English.
 */
export function resolveLang(option: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  if (option !== undefined) {
    if (option === 'zh-CN' || option === 'zh') return 'zh-CN';
    if (option === 'en') return 'en';
    throw new UsageError(`--lang is zh-CN or en, got ${option}`);
  }
  const locale = env.LC_ALL || env.LANG || '';
  if (/^en\b|^en_/i.test(locale)) return 'en';
  return 'zh-CN';
}

/** The `--lang` option's help text, the same on every command that has it. */
export const LANG_HELP = 'language of the output: zh-CN or en (default: from LANG, else zh-CN)';

/**
 * The language a whole command line asks for, for what is printed outside any one command (the
 * last error line): its `--lang` when that is valid, else as {@link resolveLang} without one.
 */
export function langOfArgv(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Lang {
  const at = argv.indexOf('--lang');
  const flag = at >= 0 ? argv[at + 1] : argv.find((a) => a.startsWith('--lang='))?.slice('--lang='.length);
  if (flag === 'en') return 'en';
  if (flag === 'zh-CN' || flag === 'zh') return 'zh-CN';
  return resolveLang(undefined, env);
}
