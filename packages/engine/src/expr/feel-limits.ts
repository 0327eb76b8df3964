import { evaluate, parseExpression } from 'feelin';

/**
 * Bounds on what one condition may cost. feelin evaluates synchronously and cannot be interrupted,
 * so the bound is checked before evaluating: `for`, `some` and `every` over a range `a..b`
 * materialise every number in it (`for i in 1..30000000` took 186 s and 5.2 GB), so the number of
 * iterations is estimated from the ranges' bounds and refused above the limit.
 */
export const CONDITION_LIMITS = {
  /** Characters of FEEL in one condition. */
  length: 2000,
  /** Iterations of all `for`/`some`/`every` contexts of a condition, multiplied together. */
  iterations: 100_000,
} as const;

const NUMBER = /^\s*-?\d+(?:\.\d+)?\s*$/;
/** A bound containing its own iteration is not evaluated on its own (it could be the costly part). */
const ITERATES = /\.\.|\b(?:for|some|every)\b/;

/** Why `feel` is too long to parse, or null. */
export function conditionLengthProblem(feel: string): string | null {
  return feel.length > CONDITION_LIMITS.length
    ? `the condition has ${feel.length} characters; Tongban allows at most ${CONDITION_LIMITS.length}`
    : null;
}

/** One iteration context: a range's bound texts, or a list expression's text. */
type Context =
  | { readonly kind: 'range'; readonly low: string; readonly high: string }
  | { readonly kind: 'list'; readonly text: string };

function iterationContexts(feel: string): Context[] {
  const contexts: Context[] = [];
  parseExpression(feel, {}, undefined).iterate({
    enter(node) {
      if (node.name !== 'IterationContext') return;
      for (let child = node.node.firstChild; child !== null; child = child.nextSibling) {
        if (child.name === '..') {
          contexts.push({
            kind: 'range',
            low: feel.slice(node.from, child.from),
            high: feel.slice(child.to, node.to),
          });
          return;
        }
      }
      contexts.push({ kind: 'list', text: feel.slice(node.from, node.to) });
    },
  });
  return contexts;
}

/** A bound's value: a literal, or (with variables, at run time) the bound evaluated on its own. */
function boundValue(text: string, variables: Readonly<Record<string, unknown>> | null): number | null {
  if (NUMBER.test(text)) return Number(text);
  if (variables === null || ITERATES.test(text)) return null;
  try {
    const value: unknown = evaluate(text, { ...variables }).value;
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
}

/** How many items a context yields, or null when that depends on the loop (an outer variable). */
function contextSize(context: Context, variables: Readonly<Record<string, unknown>> | null): number | null {
  if (context.kind === 'list') {
    const value = variables?.[context.text.trim()];
    return Array.isArray(value) ? value.length : null;
  }
  const low = boundValue(context.low, variables);
  const high = boundValue(context.high, variables);
  return low === null || high === null ? null : Math.abs(Math.trunc(high) - Math.trunc(low)) + 1;
}

/**
 * Why evaluating `feel` could cost more than {@link CONDITION_LIMITS} allow, or null. Without
 * variables (at import) only literal bounds count; with the case's variables, bounds are evaluated.
 * A size that depends on an outer loop variable is taken to be the largest known size.
 */
export function conditionCostProblem(
  feel: string,
  variables: Readonly<Record<string, unknown>> | null,
): string | null {
  const sizes = iterationContexts(feel).map((context) => contextSize(context, variables));
  const known = sizes.filter((size): size is number => size !== null);
  if (known.length === 0) return null;
  const largest = Math.max(...known);
  const total = sizes.reduce<number>((product, size) => product * (size ?? largest), 1);
  if (total <= CONDITION_LIMITS.iterations) return null;
  return `its for/some/every would iterate ${total.toLocaleString('en')} times; Tongban allows at most ${CONDITION_LIMITS.iterations.toLocaleString('en')} iterations per condition`;
}
