import { CommandError } from './engine.js';

/** A NUL, or a UTF-16 surrogate without its other half. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this looks for.
const BAD_CHARACTER = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Refuses a command carrying a string PostgreSQL cannot store: `jsonb` and `text` reject NUL
 * (SQLSTATE 22P05) and unpaired surrogates (22P02). Checked here, before anything is written, so
 * the sender gets `BAD_COMMAND` naming the field instead of a raw database error, and the string
 * never reaches a group commit where it would fail the statement of other commands.
 * @param value the command, or another value sent with it
 * @param path how the value is named in the message (`command`, `options.matterCode`)
 */
export function assertStorableStrings(value: unknown, path: string, caseId: string): void {
  const bad = findBadString(value, path);
  if (bad === null) return;
  throw new CommandError(
    'BAD_COMMAND',
    `${bad.path} contains ${bad.what}, which cannot be stored: remove it and send the command again`,
    { caseId },
  );
}

function findBadString(value: unknown, path: string): { path: string; what: string } | null {
  if (typeof value === 'string') {
    const match = BAD_CHARACTER.exec(value);
    if (match === null) return null;
    const what = match[0] === '\u0000' ? 'a NUL character (\\u0000)' : 'an unpaired UTF-16 surrogate';
    return { path, what: `${what} at position ${match.index}` };
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const bad = findBadString(item, `${path}[${index}]`);
      if (bad !== null) return bad;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const keyBad = findBadString(key, `${path} (a key)`);
      if (keyBad !== null) return keyBad;
      const bad = findBadString(item, `${path}.${key}`);
      if (bad !== null) return bad;
    }
  }
  return null;
}
