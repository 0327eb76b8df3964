import type { Diagnostic } from '@tongban/engine';
import { localize } from '@tongban/engine/messages';
import { type Lang, resolveLang } from '../i18n/lang.js';

/**
 * One line per diagnostic: `elementId code message` (`-` when the problem is the whole document).
 * In Chinese the message is the catalogue's (`@tongban/engine/messages`, in the designer's field
 * names; the line starts with the element id already); in English it is the engine's own, which
 * names the attribute and the value it read.
 */
export function diagnosticLine(d: Diagnostic, lang: Lang = resolveLang(undefined)): string {
  const message = lang === 'en' ? d.message : localize(d, lang, { describe: () => '' });
  return `${d.elementId ?? '-'} ${d.code} ${message}`;
}
