import { date, dateAndTime, evaluate, parseExpression } from 'feelin';
import { DateTime } from 'luxon';
import type { JsonValue } from '../model/json.js';
import { ExpressionError, ExpressionLimitError } from './expression-error.js';
import { conditionCostProblem, conditionLengthProblem } from './feel-limits.js';

/** Case variables a condition reads. JSON only: a FEEL expression can call functions it is given. */
export type ConditionVariables = Readonly<Record<string, JsonValue>>;

/** Outcome of {@link parseCondition}. */
export type ParseConditionResult =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly message: string;
      /** Present when the condition parses but could cost more than the limits allow. */
      readonly limit?: true;
    };

interface Checked {
  /** The FEEL text, without the optional leading `=`. */
  readonly feel: string;
  readonly error: string | null;
  /** Why it would cost too much whatever the variables (literal ranges, length), or null. */
  readonly tooCostly: string | null;
  /** Whether it has a for/some/every, whose cost the case's variables decide. */
  readonly iterates: boolean;
  /** `now()`/`today()` make a result depend on the command's instant, so it is not memoised. */
  readonly pure: boolean;
}

const CACHE_LIMIT = 500;
/** Longer keys (cases with bulky variables) are not memoised, to keep the cache small. */
const KEY_LIMIT = 4096;
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

/** Where feelin's grammar parses a doubled operator (`==`, `>>`) as a comparison with a unary test. */
const UNARY_TEST_OUTSIDE_IN = 'SimplePositiveUnaryTest';

function syntaxError(feel: string): string | null {
  if (feel === '') return 'the condition is empty';
  const tree = parseExpression(feel, {}, undefined);
  let broken = false;
  let doubled = false;
  tree.iterate({
    enter(node) {
      if (node.type.isError) broken = true;
      if (node.name === UNARY_TEST_OUTSIDE_IN && node.node.parent?.name === 'Comparison') doubled = true;
      return !broken;
    },
  });
  const top = tree.topNode.firstChild?.name ?? '';
  if (!broken && top.includes('UnaryTest')) {
    return `"${feel}" is a unary test, not a condition; name the variable, e.g. "amount ${feel}"`;
  }
  if (!broken && doubled) {
    return `"${feel}" has two comparison operators in a row; FEEL compares with one of = != < <= > >= (equality is a single =)`;
  }
  if (!broken) return null;
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
  // The length limit comes first: a huge condition is not worth parsing.
  const tooLong = conditionLengthProblem(feel);
  const error = tooLong === null ? syntaxError(feel) : null;
  const tooCostly = tooLong ?? (error === null ? conditionCostProblem(feel, null) : null);
  return remember(checked, source, {
    feel,
    error,
    tooCostly,
    iterates: /\b(?:for|some|every)\b/.test(feel),
    pure: !/\b(?:now|today)\s*\(/.test(feel),
  });
}

/**
 * Checks that `source` is a FEEL expression (Camunda 8 style: an optional leading `=` is allowed).
 * The message names feelin's complaint and its position, for a diagnostic.
 */
export function parseCondition(source: string): ParseConditionResult {
  const { error, tooCostly } = check(source);
  if (tooCostly !== null) return { ok: false, message: tooCostly, limit: true };
  return error === null ? { ok: true } : { ok: false, message: error };
}

function memoKey(feel: string, variables: ConditionVariables): string | null {
  try {
    const key = `${feel}\u0000${JSON.stringify(variables)}`;
    return key.length > KEY_LIMIT ? null : key;
  } catch {
    return null;
  }
}

/** Conditions read dates in the calendar's zone, like every civil date of the engine. */
const ZONE = 'Asia/Shanghai';

/**
 * FEEL's `now()` and `today()` as of `at`: inside `step` that is the command's instant, so that a
 * case replayed on another day takes the same branches (feelin's own read the wall clock).
 * Functions given in the context take precedence over feelin's built-ins.
 */
function clockFunctions(at: number): { now: () => unknown; today: () => unknown } {
  const local = DateTime.fromMillis(at, { zone: ZONE });
  return {
    now: () => dateAndTime(`${local.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS")}@${ZONE}`),
    today: () => date(local.toFormat('yyyy-MM-dd')),
  };
}

/** The last limit error thrown, until taken: see {@link takeConditionFault}. */
let pendingFault: ExpressionLimitError | null = null;

/**
 * The {@link ExpressionLimitError} a condition threw since the last call, if any. xstate rethrows
 * an error from a guard as a plain Error (and an error in the initial transition only marks the
 * snapshot), so the runtime asks here for the typed error to refuse the command with.
 */
export function takeConditionFault(): ExpressionLimitError | null {
  const fault = pendingFault;
  pendingFault = null;
  return fault;
}

/**
 * Evaluates a FEEL condition over case variables. Only a result of exactly `true` counts as true:
 * `false`, `null` (e.g. a missing variable or a type mismatch, which FEEL turns into null), any
 * non-boolean result and an evaluation failure are false.
 *
 * feelin re-parses on every call (it exposes no compiled form), so results are memoised per
 * expression and variables (a bounded LRU); expressions calling `now()`/`today()` are not memoised.
 *
 * @param where - the flow or task the condition belongs to, and the case, for the error.
 * @param at - the instant `now()` and `today()` stand for (epoch ms; `step` passes the command's
 *   `now`). Omitted (a preview outside any case), they read the wall clock.
 * @throws {@link ExpressionError} when `source` does not parse.
 * @throws {@link ExpressionLimitError} when evaluating it would exceed {@link CONDITION_LIMITS}.
 */
export function evaluateCondition(
  source: string,
  variables: ConditionVariables,
  where: { readonly elementId?: string; readonly caseId?: string } = {},
  at?: number,
): boolean {
  const { feel, error, tooCostly, iterates, pure } = check(source);
  if (error !== null) throw new ExpressionError(source, `Bad condition: ${error}.`, where);
  // Checked on every evaluation, before feelin runs: it cannot be interrupted once started, and
  // the variables decide ranges such as `1..n`.
  const costly = tooCostly ?? (iterates ? conditionCostProblem(feel, variables) : null);
  if (costly !== null) {
    pendingFault = new ExpressionLimitError(source, `Condition not evaluated: ${costly}.`, where);
    throw pendingFault;
  }
  const key = pure ? memoKey(feel, variables) : null;
  const known = key === null ? undefined : results.get(key);
  if (known !== undefined && key !== null) return remember(results, key, known);
  let value: unknown = null;
  try {
    const context = pure || at === undefined ? { ...variables } : { ...variables, ...clockFunctions(at) };
    value = evaluate(feel, context).value;
  } catch {
    // feelin turns evaluation errors into null; the few it throws (e.g. a range with a null bound)
    // are treated the same way, so that case data can never make a step fail.
  }
  const outcome = value === true;
  return key === null ? outcome : remember(results, key, outcome);
}
