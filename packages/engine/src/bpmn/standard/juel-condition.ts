import { looksLikeJuel, translateJuel } from '../../expr/juel/index.js';
import type { ImportContext } from '../import-context.js';

/** `language` values that mean JUEL/EL (Flowable and Activiti sometimes say so). */
const JUEL_LANGUAGES = /^(?:juel|uel|el|javax\.el|http:\/\/java\.sun\.com\/products\/jsp)$/i;

/** Whether a condition is JUEL by its text (`${…}`) or its declared language. */
export function isJuelCondition(source: string, language: string | null): boolean {
  return looksLikeJuel(source) || (language !== null && JUEL_LANGUAGES.test(language.trim()));
}

/**
 * Reads a JUEL condition: the FEEL translation (with a JUEL_TRANSLATED warning showing both) when
 * it is in the subset docs/standard-bpmn.md lists, else a JUEL_UNSUPPORTED error proposing FEEL.
 * Returns the condition to keep in the model: the FEEL, or the JUEL as written when refused.
 */
export function readJuelCondition(
  source: string,
  ownerId: string,
  what: 'condition' | 'completion condition',
  context: ImportContext,
): string {
  const translated = translateJuel(source);
  if (translated.ok) {
    context.sink.warning(
      ownerId,
      'JUEL_TRANSLATED',
      `The ${what} ${source.trim()} is JUEL; Tongban runs it as the FEEL condition ${translated.feel} (write that instead to silence this warning).`,
      { juel: source.trim(), feel: translated.feel },
    );
    return translated.feel;
  }
  const instead =
    translated.suggestion ??
    (what === 'condition' ? 'amount > 1000 and type = "A"' : 'nrOfCompletedInstances >= nrOfInstances / 2');
  const example = translated.suggestion === null ? `e.g. ${instead}` : instead;
  context.sink.error(
    ownerId,
    'JUEL_UNSUPPORTED',
    `The ${what} ${source.trim()} is JUEL outside what Tongban translates (${translated.reason}). JUEL is not supported; write FEEL: ${example}.`,
    {
      juel: source.trim(),
      reason: translated.reason,
      ...(translated.suggestion !== null && { feel: translated.suggestion }),
    },
  );
  return source;
}
