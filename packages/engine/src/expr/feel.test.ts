import { describe, expect, it } from 'vitest';
import { ExpressionError, evaluateCondition, parseCondition } from './index.js';

describe('parseCondition', () => {
  it('accepts FEEL with or without the leading =', () => {
    expect(parseCondition('amount > 10')).toEqual({ ok: true });
    expect(parseCondition('= outcome = "approve"')).toEqual({ ok: true });
    expect(parseCondition('count(departments) > 2 and not(urgent)')).toEqual({ ok: true });
  });

  // biome-ignore lint/suspicious/noTemplateCurlyInString: a Camunda 7 JUEL expression, which FEEL must refuse
  const juel = '${approved}';
  it.each(['amount >', ')(', '', '=', '"unclosed', 'if x then', juel, '1 +'])('reports %j', (source) => {
    const result = parseCondition(source);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message.length).toBeGreaterThan(5);
  });

  it('names the position of the problem', () => {
    const result = parseCondition('amount >');
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/Incomplete.*character 9/) });
  });

  it.each(['outcome == "approve"', 'x = = 1', 'amount >> 10', 'outcome === "a"'])(
    'refuses the doubled operator in %j',
    (source) => {
      expect(parseCondition(source)).toEqual({
        ok: false,
        message: expect.stringContaining('two comparison operators'),
      });
    },
  );

  it('accepts unary tests where FEEL allows them: after in', () => {
    expect(parseCondition('x in > 3')).toEqual({ ok: true });
    expect(parseCondition('x in [1, 2]')).toEqual({ ok: true });
    expect(parseCondition('x in (1..3)')).toEqual({ ok: true });
  });

  it('refuses a bare unary test', () => {
    expect(parseCondition('> 10')).toEqual({ ok: false, message: expect.stringContaining('unary test') });
  });
});

describe('evaluateCondition', () => {
  it('does arithmetic and comparisons', () => {
    expect(evaluateCondition('amount * 2 + 1 > 20', { amount: 10 })).toBe(true);
    expect(evaluateCondition('amount * 2 + 1 > 21', { amount: 10 })).toBe(false);
    expect(evaluateCondition('=days <= 20', { days: 20 })).toBe(true);
    expect(evaluateCondition('days != 20', { days: 20 })).toBe(false);
  });

  it('compares strings', () => {
    expect(evaluateCondition('outcome = "approve"', { outcome: 'approve' })).toBe(true);
    expect(evaluateCondition('outcome = "approve"', { outcome: 'reject' })).toBe(false);
    expect(evaluateCondition('opinion = "同意"', { opinion: '同意' })).toBe(true);
    expect(evaluateCondition('结论 = "同意"', { 结论: '同意' })).toBe(true);
    expect(evaluateCondition('结论 = "同意"', { 结论: '不同意' })).toBe(false);
  });

  it('combines with and, or and not()', () => {
    const vars = { a: true, b: false };
    expect(evaluateCondition('a and b', vars)).toBe(false);
    expect(evaluateCondition('a or b', vars)).toBe(true);
    expect(evaluateCondition('not(b) and a', vars)).toBe(true);
  });

  it('works on lists and nested values', () => {
    const vars = {
      departments: ['自然资源和规划局', '消防救援支队', '人民防空办公室'],
      project: { floors: 12 },
    };
    expect(evaluateCondition('count(departments) > 2', vars)).toBe(true);
    expect(evaluateCondition('list contains(departments, "消防救援支队")', vars)).toBe(true);
    expect(evaluateCondition('project.floors >= 10', vars)).toBe(true);
  });

  it('treats missing variables, null and non-boolean results as false', () => {
    expect(evaluateCondition('nrOfRejected > 0', {})).toBe(false);
    expect(evaluateCondition('x = null', { x: null })).toBe(true);
    expect(evaluateCondition('amount', { amount: 3 })).toBe(false);
    expect(evaluateCondition('"true"', {})).toBe(false);
    expect(evaluateCondition('amount > "ten"', { amount: 3 })).toBe(false);
    // feelin throws on a range of mixed types; that is a false condition, not a failed step
    expect(evaluateCondition('x in (lower..upper)', { x: 1, lower: 'a', upper: 3 })).toBe(false);
    expect(evaluateCondition('x in (lower..upper)', { x: 1, lower: 0, upper: 3 })).toBe(true);
  });

  it('throws a typed ExpressionError for a condition that does not parse', () => {
    expect(() => evaluateCondition('amount >', { amount: 1 })).toThrow(ExpressionError);
    const error = (() => {
      try {
        evaluateCondition(')(', {}, { elementId: 'Flow_1', caseId: 'case-7' });
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ExpressionError);
    expect(error).toMatchObject({
      code: 'BAD_EXPRESSION',
      source: ')(',
      elementId: 'Flow_1',
      caseId: 'case-7',
    });
  });

  it('cannot reach JavaScript globals or prototypes', () => {
    for (const source of [
      'constructor != null',
      'process != null',
      'globalThis != null',
      'Function("return 1")() = 1',
      'outcome.constructor != null',
      'outcome.__proto__ != null',
      'eval("1") = 1',
    ]) {
      expect(evaluateCondition(source, { outcome: 'x' }), source).toBe(false);
    }
  });

  it('gives the same answer from the cache as fresh, per variables', () => {
    for (let round = 0; round < 3; round++) {
      expect(evaluateCondition('nrOfRejected > 0', { nrOfRejected: 1 })).toBe(true);
      expect(evaluateCondition('nrOfRejected > 0', { nrOfRejected: 0 })).toBe(false);
    }
  });

  it('evaluates cases with bulky variables (not memoised) correctly', () => {
    const materials = Array.from({ length: 500 }, (_, i) => `材料${i}`);
    expect(evaluateCondition('count(materials) = 500', { materials })).toBe(true);
    expect(evaluateCondition('count(materials) = 500', { materials: materials.slice(1) })).toBe(false);
  });

  it('does not memoise conditions that read the clock', () => {
    expect(evaluateCondition('today() >= date("2020-01-01")', {})).toBe(true);
    expect(evaluateCondition('now() < date and time("2000-01-01T00:00:00")', {})).toBe(false);
  });
});
