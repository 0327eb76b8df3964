import { evaluate, parseExpression } from 'feelin';
import type { JsonValue } from '../runtime/types.js';
import { ExpressionError } from './expression-error.js';

/** Case variables a condition reads. JSON only: a FEEL expression can call functions it is given. */
export type ConditionVariables = Readonly<Record<string, JsonValue>>;

/** Outcome of {@link parseCondition}. */
export type ParseConditionResult = { readonly ok: true } | { readonly ok: false; readonly message: string };

interface Checked {
  /** The FEEL text, without the optional leading `=`. */
  readonly feel: string;
  readonly error: string | null;
  /** `now()`/`today()` make a result depend on the wall clock, so it must not be memoised. */
  readonly pure: boolean;
}

const CACHE_LIMIT = 500;
const checked = new Map<string, Checked>();
const results = new Map<string, boolean>();

/** A Map used as a small LRU: a hit moves to the back, the front is evicted when full. */
function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  cache.delete(key);
  cache.set(key, value);
  if (cache.size > CACHE_LIMIT) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  return value;
}

/** Camunda 8 writes expressions with a leading `=`; FEEL itself does not have it. */
function stripMarker(source: string): string {
  const trimmed = source.trim();
  return trimmed.startsWith('=') ? trimmed.slice(1).trim() : trimmed;
}

function syntaxError(feel: string): string | null {
  if (feel === '') return 'the condition is empty';
  const tree = parseExpression(feel, {}, undefined);
  let broken = false;
  tree.iterate({
    enter(node) {
      if (node.type.isError) broken = true;
      return !broken;
    },
  });
  const top = tree.topNode.firstChild?.name ?? '';
  if (!broken) {
    return top.includes('UnaryTest')
      ? `"${feel}" is a unary test, not a condition; name the variable, e.g. "amount ${feel}"`
      : null;
  }
  try {
    // With an error node in the tree, feelin throws its SyntaxError before evaluating anything;
    // calling it is how we get feelin's own wording and position.
    evaluate(feel, {});
  } catch (error) {
    const position = (error as { position?: { from?: number } }).position?.from;
    const at = typeof position === 'number' ? ` at character ${position + 1}` : '';
    return `${error instanceof Error ? error.message : String(error)}${at} in "${feel}"`;
  }
  return `"${feel}" is not a valid FEEL expression`;
}

function check(source: string): Checked {
  const hit = checked.get(source);
  if (hit !== undefined) return remember(checked, source, hit);
  const feel = stripMarker(source);
  const error = syntaxError(feel);
  return remember(checked, source, { feel, error, pure: !/\b(?:now|today)\s*\(/.test(feel) });
}

/**
 * Checks that `source` is a FEEL expression (Camunda 8 style: an optional leading `=` is allowed).
 * The message names feelin's complaint and its position, for a diagnostic.
 */
export function parseCondition(source: string): ParseConditionResult {
  const { error } = check(source);
  return error === null ? { ok: true } : { ok: false, message: error };
}

function memoKey(feel: string, variables: ConditionVariables): string | null {
  try {
    return `${feel}\u0000${JSON.stringify(variables)}`;
  } catch {
    return null;
  }
}

/**
 * Evaluates a FEEL condition over case variables. Only a result of exactly `true` counts as true:
 * `false`, `null` (e.g. a missing variable or a type mismatch, which FEEL turns into null) and any
 * non-boolean result are false.
 *
 * feelin re-parses on every call (it exposes no compiled form), so results are memoised per
 * expression and variables (a bounded LRU); expressions calling `now()`/`today()` are not memoised.
 *
 * @throws {@link ExpressionError} when `source` does not parse.
 */
export function evaluateCondition(source: string, variables: ConditionVariables): boolean {
  const { feel, error, pure } = check(source);
  if (error !== null) throw new ExpressionError(source, `Bad condition: ${error}.`);
  const key = pure ? memoKey(feel, variables) : null;
  const known = key === null ? undefined : results.get(key);
  if (known !== undefined && key !== null) return remember(results, key, known);
  let value: unknown;
  try {
    value = evaluate(feel, { ...variables }).value;
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ExpressionError(source, `Condition "${feel}" failed: ${reason}.`);
  }
  const outcome = value === true;
  return key === null ? outcome : remember(results, key, outcome);
}
