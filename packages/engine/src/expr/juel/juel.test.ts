// biome-ignore-all lint/suspicious/noTemplateCurlyInString: JUEL expressions are written ${…}, in strings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateCondition, parseCondition } from '../feel.js';
import type { CompareOp, JuelNode } from './ast.js';
import { parseJuel, translateJuel } from './index.js';

describe('translateJuel: examples', () => {
  it.each([
    ['${approved}', 'approved'],
    ['${!approved}', 'approved != true'],
    ['${not approved}', 'approved != true'],
    ["${amount > 1000 && type == 'A'}", 'amount > 1000 and type = "A"'],
    ['${amount gt 1000 and type eq "A"}', 'amount > 1000 and type = "A"'],
    ['${a || b && c}', 'a or b and c'],
    ['${(a || b) && c}', '(a or b) and c'],
    ['${!(a > 1)}', '(a > 1) != true'],
    ['${order.amount le -5.5}', 'order.amount <= -5.5'],
    ['${x ne null}', 'x != null'],
    ["${name == 'it\\'s'}", 'name = "it\'s"'],
    ['#{ approved == false }', 'approved = false'],
    ['${审批结果 == "同意"}', '审批结果 = "同意"'],
  ])('%s → %s', (juel, feel) => {
    expect(translateJuel(juel)).toEqual({ ok: true, feel });
  });

  it.each([
    ["${execution.getVariable('approved') == true}", 'method and function calls', 'approved = true'],
    ['${empty comments}', '"empty"', '(comments = null or comments = "")'],
    ['${items[0] > 1}', '"["', null],
    ['${a} and ${b}', 'one whole', null],
    ['${a < b < c}', 'two comparisons', null],
    ['${in == 1}', 'FEEL name', null],
    ['${x > 1e3}', 'exponent', null],
    ['${bean.check(execution)}', 'method and function calls', null],
  ])('%s is refused (%s), suggesting %s', (juel, reason, suggestion) => {
    const result = translateJuel(juel);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toContain(reason);
    expect(result.suggestion).toBe(suggestion);
  });
});

/** Typed case variables: each name holds one type or null, as a real case's variables do. */
const BOOLS = ['approved', 'urgent'] as const;
const NUMBERS = ['amount', 'days'] as const;
const STRINGS = ['type', 'result'] as const;

type Value = string | number | boolean | null;

const numberLiteral = fc.integer({ min: -100000, max: 100000 }).map((n) => (n % 3 === 0 ? n / 100 : n));
const stringLiteral = fc.string({ maxLength: 6 });
const numberValue = fc.oneof(numberLiteral, fc.constant(null));
const stringValue = fc.oneof(
  stringLiteral,
  fc.constantFrom('A', 'B', '', 'true', 'TRUE', 'false'),
  fc.constant(null),
);
const booleanValue = fc.constantFrom(true, false, null);

const path = (name: string): JuelNode =>
  name === 'order.amount' ? { kind: 'path', parts: ['order', 'amount'] } : { kind: 'path', parts: [name] };
const lit = (value: Value): JuelNode => ({ kind: 'literal', value });

const compareOps: readonly CompareOp[] = ['==', '!=', '<', '>', '<=', '>='];

/** A comparison of a typed variable with a literal of its type (either side), or with null. */
const comparison: fc.Arbitrary<JuelNode> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...NUMBERS, 'order.amount'),
      fc.constantFrom(...compareOps),
      numberLiteral,
      fc.boolean(),
    )
    .map(([name, op, value, flip]) => ({
      kind: 'compare' as const,
      op,
      left: flip ? lit(value) : path(name),
      right: flip ? path(name) : lit(value),
    })),
  fc
    .tuple(fc.constantFrom(...STRINGS), fc.constantFrom(...compareOps), stringLiteral)
    .map(([name, op, value]) => ({ kind: 'compare' as const, op, left: path(name), right: lit(value) })),
  fc
    .tuple(fc.constantFrom(...BOOLS), fc.constantFrom<CompareOp>('==', '!='), fc.boolean())
    .map(([name, op, value]) => ({ kind: 'compare' as const, op, left: path(name), right: lit(value) })),
  // Activiti form values: a boolean or string variable against the text 'true' / 'false' (any case).
  // Not other text: JUEL would coerce 'yes' to false against a boolean; the FEEL compares the text.
  fc
    .tuple(
      fc.constantFrom(...BOOLS, ...STRINGS),
      fc.constantFrom<CompareOp>('==', '!='),
      fc.constantFrom('true', 'false', 'TRUE', 'False'),
      fc.boolean(),
    )
    .map(([name, op, value, flip]) => ({
      kind: 'compare' as const,
      op,
      left: flip ? lit(value) : path(name),
      right: flip ? path(name) : lit(value),
    })),
  fc
    .tuple(fc.constantFrom(...BOOLS, ...NUMBERS, ...STRINGS), fc.constantFrom<CompareOp>('==', '!='))
    .map(([name, op]) => ({ kind: 'compare' as const, op, left: path(name), right: lit(null) })),
);

const condition: fc.Arbitrary<JuelNode> = fc.letrec<{ node: JuelNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparison,
    fc.constantFrom(...BOOLS).map(path),
    fc.boolean().map(lit),
    tie('node').map((operand) => ({ kind: 'not' as const, operand })),
    fc
      .tuple(fc.constantFrom('and' as const, 'or' as const), tie('node'), tie('node'))
      .map(([kind, left, right]) => ({ kind, left, right })),
  ),
})).node;

/** JUEL text for a tree, in randomly chosen spellings (symbols or words), fully parenthesised. */
function render(node: JuelNode, words: boolean): string {
  switch (node.kind) {
    case 'or':
      return `(${render(node.left, words)}) ${words ? 'or' : '||'} (${render(node.right, !words)})`;
    case 'and':
      return `(${render(node.left, words)}) ${words ? 'and' : '&&'} (${render(node.right, !words)})`;
    case 'not':
      return `${words ? 'not ' : '!'}(${render(node.operand, words)})`;
    case 'compare': {
      const spelled = { '==': 'eq', '!=': 'ne', '<': 'lt', '>': 'gt', '<=': 'le', '>=': 'ge' }[node.op];
      return `${render(node.left, words)} ${words ? spelled : node.op} ${render(node.right, words)}`;
    }
    case 'literal':
      return typeof node.value === 'string'
        ? `'${node.value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
        : String(node.value);
    case 'path':
      return node.parts.join('.');
  }
}

/** EL 3.0 §1.8–1.9 for the subset: what Camunda or Flowable would decide, given typed variables. */
function reference(node: JuelNode, vars: Readonly<Record<string, unknown>>): Value {
  const bool = (value: Value): boolean => {
    if (value === null) return false;
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string') return value.toLowerCase() === 'true';
    throw new Error('not coercible to boolean');
  };
  switch (node.kind) {
    case 'or':
      return bool(reference(node.left, vars)) || bool(reference(node.right, vars));
    case 'and':
      return bool(reference(node.left, vars)) && bool(reference(node.right, vars));
    case 'not':
      return !bool(reference(node.operand, vars));
    case 'literal':
      return node.value;
    case 'path': {
      let value: unknown = vars;
      for (const part of node.parts) value = (value as Record<string, unknown> | null)?.[part] ?? null;
      return value as Value;
    }
    case 'compare': {
      const a = reference(node.left, vars);
      const b = reference(node.right, vars);
      if (node.op === '==' || node.op === '!=') {
        // EL 1.8.2: nulls first; then, if either is a Boolean, both are coerced to Boolean.
        const equal =
          a === b ||
          (a !== null &&
            b !== null &&
            (typeof a === 'boolean' || typeof b === 'boolean') &&
            bool(a) === bool(b));
        return node.op === '==' ? equal : !equal;
      }
      if (a === b) return node.op === '<=' || node.op === '>=';
      if (a === null || b === null) return false;
      const order = a < b ? -1 : a > b ? 1 : 0;
      return { '<': order < 0, '>': order > 0, '<=': order <= 0, '>=': order >= 0 }[node.op];
    }
  }
}

const variables = fc.record({
  approved: booleanValue,
  urgent: booleanValue,
  amount: numberValue,
  days: numberValue,
  type: stringValue,
  result: stringValue,
  order: fc.record({ amount: numberValue }),
});

describe("translateJuel: x == 'true' (Activiti form values)", () => {
  it.each([
    [true, true, false],
    ['true', true, false],
    [false, false, true],
    ['false', false, true],
    [null, false, true],
    ['TRUE', false, true],
  ])('approved = %s: == gives %s, != gives %s, as JUEL coerces', (approved, equal, unequal) => {
    const eq = translateJuel("${approved == 'true'}");
    const ne = translateJuel("${'true' ne approved}");
    if (!eq.ok || !ne.ok) throw new Error('not translated');
    expect(evaluateCondition(eq.feel, { approved })).toBe(equal);
    expect(evaluateCondition(ne.feel, { approved })).toBe(unequal);
  });
});

describe('translateJuel: the FEEL decides as the JUEL does (property)', () => {
  it('parses what it renders back to the same tree', () => {
    fc.assert(
      fc.property(condition, fc.boolean(), (tree, words) => {
        expect(parseJuel(render(tree, words))).toEqual(tree);
      }),
      { numRuns: 300 },
    );
  });

  it('for random conditions and typed variables, FEEL true ⇔ JUEL true', () => {
    fc.assert(
      fc.property(condition, fc.boolean(), variables, (tree, words, vars) => {
        const juel = `\${${render(tree, words)}}`;
        const translated = translateJuel(juel);
        if (!translated.ok) throw new Error(`${juel} not translated: ${translated.reason}`);
        const expected = reference(tree, vars) === true;
        expect(evaluateCondition(translated.feel, vars), `${juel} → ${translated.feel}`).toBe(expected);
      }),
      { numRuns: Number(process.env.JUEL_RUNS ?? 1000) },
    );
  });
});

describe('translateJuel: any text (property)', () => {
  it('never throws, and whatever it translates is FEEL that parses; a suggestion always parses', () => {
    const juelish = fc.stringMatching(/^[$#]\{[ a-z.!=<>&|()'"0-9_\-+*/[\]]{0,40}\}$/);
    fc.assert(
      fc.property(fc.oneof(juelish, fc.string({ maxLength: 60 })), (text) => {
        const result = translateJuel(text);
        if (result.ok) expect(parseCondition(result.feel)).toEqual({ ok: true });
        else if (result.suggestion !== null) expect(parseCondition(result.suggestion)).toEqual({ ok: true });
      }),
      { numRuns: 2000 },
    );
  });
});
