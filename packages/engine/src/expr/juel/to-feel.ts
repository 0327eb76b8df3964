// biome-ignore-all lint/suspicious/noTemplateCurlyInString: JUEL expressions are written ${…}, in strings.
import { parseCondition } from '../feel.js';
import { type JuelNode, JuelSyntaxError } from './ast.js';
import { parseJuel } from './parser.js';

/** Outcome of {@link translateJuel}. */
export type JuelTranslation =
  | { readonly ok: true; readonly feel: string }
  | {
      readonly ok: false;
      /** Why it is not translated, with the position inside the expression when known. */
      readonly reason: string;
      /** A FEEL condition to write instead when one could be guessed (it parses as FEEL), else null. */
      readonly suggestion: string | null;
    };

/** FEEL's reserved words: a variable so named cannot be written as a plain FEEL name. */
const FEEL_RESERVED = new Set(
  'for in return if then else some every satisfies instance of function external or and between not null true false'.split(
    ' ',
  ),
);
const FEEL_NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;

/** Binding strength of each kind of FEEL output: or < and < comparison < atom. */
const PRECEDENCE: Readonly<Record<JuelNode['kind'], number>> = {
  or: 1,
  and: 2,
  compare: 3,
  not: 3,
  literal: 4,
  path: 4,
};
const FEEL_OPERATOR = { '==': '=', '!=': '!=', '<': '<', '>': '>', '<=': '<=', '>=': '>=' } as const;

function literal(value: string | number | boolean | null): string {
  if (typeof value === 'string') return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  return String(value);
}

function wrap(node: JuelNode, at: number): string {
  const text = emit(node);
  return PRECEDENCE[node.kind] < at ? `(${text})` : text;
}

/**
 * FEEL whose result is `true` exactly when the JUEL is true. JUEL reads null as false in `!`,
 * `&&` and `||`, where FEEL's null stays unknown; so `!x` becomes `x != true` (true for false and
 * for null), not `not(x)` (null for null), and `&&`/`||` agree because only `true` counts.
 */
function emit(node: JuelNode): string {
  switch (node.kind) {
    case 'or':
      return `${wrap(node.left, 1)} or ${wrap(node.right, 1)}`;
    case 'and':
      return `${wrap(node.left, 2)} and ${wrap(node.right, 2)}`;
    case 'compare':
      return booleanText(node) ?? `${wrap(node.left, 4)} ${FEEL_OPERATOR[node.op]} ${wrap(node.right, 4)}`;
    case 'not':
      return `${wrap(node.operand, 4)} != true`;
    case 'literal':
      return literal(node.value);
    case 'path':
      return node.parts.join('.');
  }
}

/**
 * `x == 'true'` (Activiti form values): JUEL turns the string into a boolean when `x` is a
 * boolean and compares text when `x` is a string; FEEL compares types strictly, so both are tested.
 */
function booleanText(node: Extract<JuelNode, { kind: 'compare' }>): string | null {
  if (node.op !== '==' && node.op !== '!=') return null;
  const [path, text] =
    node.left.kind === 'path' && node.right.kind === 'literal'
      ? [node.left, node.right.value]
      : node.right.kind === 'path' && node.left.kind === 'literal'
        ? [node.right, node.left.value]
        : [null, null];
  if (path === null || typeof text !== 'string') return null;
  // Boolean.valueOf: any case of "true" is true; the text itself is compared when x is a string.
  const flag = text.toLowerCase();
  if (flag !== 'true' && flag !== 'false') return null;
  const name = emit(path);
  const equal = `(${name} = ${flag} or ${name} = ${literal(text)})`;
  // FEEL compares a boolean with a string as null, so `!=` is "the equality is not true".
  return node.op === '==' ? equal : `${equal} != true`;
}

function checkNames(node: JuelNode): void {
  switch (node.kind) {
    case 'or':
    case 'and':
    case 'compare':
      checkNames(node.left);
      checkNames(node.right);
      return;
    case 'not':
      checkNames(node.operand);
      return;
    case 'literal':
      return;
    case 'path':
      for (const part of node.parts) {
        if (!FEEL_NAME.test(part) || FEEL_RESERVED.has(part)) {
          throw new JuelSyntaxError(
            `the name "${part}" cannot be written as a FEEL name; rename the variable`,
            0,
          );
        }
      }
  }
}

/** A best guess at FEEL for JUEL outside the subset, offered only when it parses as FEEL. */
function suggest(body: string): string | null {
  const guess = body
    .replace(/\bexecution\.getVariable(?:Local)?\(\s*['"]([^'"]+)['"]\s*\)/g, '$1')
    .replace(/\bempty\s+([\p{L}_][\p{L}\p{N}_.]*)/gu, '($1 = null or $1 = "")')
    .replace(/'((?:[^'\\]|\\.)*)'/g, (_, text: string) => `"${text.replace(/"/g, '\\"')}"`)
    .replace(/&&|\band\b/g, ' and ')
    .replace(/\|\||\bor\b/g, ' or ')
    .replace(/==|\beq\b/g, ' = ')
    .replace(/\bne\b/g, ' != ')
    .replace(/!(?!=)/g, 'not ')
    .replace(/\s+/g, ' ')
    .trim();
  // A function call or an index would mean something else in FEEL (lists count from 1): no guess.
  if (guess === '' || /\[/.test(guess) || /[\p{L}\p{N}_]\s*\(/u.test(guess.replace(/\bnot\s*\(/g, '('))) {
    return null;
  }
  return parseCondition(guess).ok ? guess : null;
}

/**
 * Translates a JUEL condition as Camunda 7, Flowable and Activiti write it (`${approved}`,
 * `${amount > 1000 && type == 'A'}`) to FEEL. The subset: `&& || !` and `and or not`,
 * `== != < > <= >=` and `eq ne lt gt le ge`, string, number, boolean and null literals, variables
 * and dotted paths (`order.amount`), parentheses. Anything else (method calls, arithmetic, `empty`,
 * `[…]`, text around the expression) is refused with the reason and, where one can be guessed, a
 * FEEL condition to write instead.
 */
export function translateJuel(source: string): JuelTranslation {
  const match = /^\s*[$#]\{([\s\S]*)\}\s*$/.exec(source);
  const body = match?.[1];
  // `${a} and ${b}` is text with two expressions; a `${` inside a string literal is just text.
  const unquoted = body?.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, "''");
  if (body === undefined || unquoted === undefined || /[$#]\{/.test(unquoted)) {
    return { ok: false, reason: 'only one whole ${…} expression is translated', suggestion: null };
  }
  try {
    const tree = parseJuel(body);
    checkNames(tree);
    return { ok: true, feel: emit(tree) };
  } catch (error) {
    if (!(error instanceof JuelSyntaxError)) throw error;
    // Where FEEL reads the same text differently (chained comparisons, exponents), no guess.
    const guessable = !/two comparisons|two equality|exponent|digits/.test(error.message);
    return { ok: false, reason: error.message, suggestion: guessable ? suggest(body) : null };
  }
}

/** Whether a condition's text is JUEL (an EL expression `${…}` or `#{…}`), not FEEL. */
export function looksLikeJuel(source: string): boolean {
  // A FEEL string literal may hold the characters `${` (FEEL strings are double-quoted).
  return /[$#]\{/.test(source.replace(/"(?:[^"\\]|\\.)*"/g, '""'));
}
