import { JuelSyntaxError } from './ast.js';

export type Token =
  | { readonly type: 'op'; readonly text: string; readonly at: number }
  | { readonly type: 'ident'; readonly text: string; readonly at: number }
  | { readonly type: 'number'; readonly value: number; readonly text: string; readonly at: number }
  | { readonly type: 'string'; readonly value: string; readonly at: number }
  | { readonly type: 'end'; readonly at: number };

/** Longest first, so that `<=` is not read as `<` then `=`. */
const OPERATORS = ['&&', '||', '==', '!=', '<=', '>=', '<', '>', '!', '(', ')', '.', '-'];
/** Operators of full JUEL that the subset does not translate, named in the refusal. */
const OUTSIDE = ['[', ']', '+', '*', '/', '%', '?', ':', ',', '=', '{', '}', '&', '|'];
const IDENT_START = /[\p{L}_$]/u;
const IDENT_PART = /[\p{L}\p{N}_$]/u;

function readString(text: string, start: number): { value: string; end: number } {
  const quote = text[start];
  let value = '';
  for (let i = start + 1; i < text.length; i += 1) {
    const char = text[i];
    if (char === quote) return { value, end: i + 1 };
    if (char === '\\') {
      const next = text[i + 1];
      // EL escapes only the quote and the backslash; any other backslash is itself.
      if (next === quote || next === '\\') {
        value += next;
        i += 1;
        continue;
      }
    }
    value += char;
  }
  throw new JuelSyntaxError('a string literal is not closed', start);
}

/** Splits the text inside `${…}` into tokens; anything outside the subset is a JuelSyntaxError. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i] ?? '';
    if (/\s/.test(char)) {
      i += 1;
      continue;
    }
    if (char === "'" || char === '"') {
      const { value, end } = readString(text, i);
      tokens.push({ type: 'string', value, at: i });
      i = end;
      continue;
    }
    const number = /^(\d+(?:\.\d+)?)([eE][+-]?\d+)?/.exec(text.slice(i));
    if (number?.[1] !== undefined && number[1].replace(/\D/g, '').length > 15) {
      throw new JuelSyntaxError(
        'numbers of more than 15 digits are not translated (they would lose precision)',
        i,
      );
    }
    if (number?.[1] !== undefined) {
      if (number[2] !== undefined)
        throw new JuelSyntaxError('numbers with an exponent are not translated', i);
      tokens.push({ type: 'number', value: Number(number[1]), text: number[1], at: i });
      i += number[0].length;
      continue;
    }
    if (IDENT_START.test(char)) {
      let end = i + 1;
      while (end < text.length && IDENT_PART.test(text[end] ?? '')) end += 1;
      tokens.push({ type: 'ident', text: text.slice(i, end), at: i });
      i = end;
      continue;
    }
    const operator = OPERATORS.find((op) => text.startsWith(op, i));
    if (operator !== undefined) {
      tokens.push({ type: 'op', text: operator, at: i });
      i += operator.length;
      continue;
    }
    const what = OUTSIDE.includes(char) ? `"${char}"` : `the character "${char}"`;
    throw new JuelSyntaxError(`${what} is outside the translated subset`, i);
  }
  tokens.push({ type: 'end', at: text.length });
  return tokens;
}
