import { describe, expect, it } from 'vitest';
import {
  CONDITION_LIMITS,
  ExpressionLimitError,
  evaluateCondition,
  parseCondition,
} from '../src/expr/index.js';
import { step } from '../src/runtime/step.js';
import { compileBpmn } from '../src/validate.js';
import { bpmnDocument } from './support/bpmn-doc.js';

const T0 = Date.UTC(2026, 2, 2, 1, 0);

/** start → exclusive gateway: F2 (condition) → task A, default F3 → task B. */
function gateway(condition: string): string {
  return bpmnDocument(`<bpmn:startEvent id="S"/><bpmn:exclusiveGateway id="G" default="F3"/>
    <bpmn:userTask id="A" tb:department="住建局"/><bpmn:userTask id="B" tb:department="住建局"/><bpmn:endEvent id="E"/>
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="G"/>
    <bpmn:sequenceFlow id="F2" sourceRef="G" targetRef="A"><bpmn:conditionExpression>${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="F3" sourceRef="G" targetRef="B"/>
    <bpmn:sequenceFlow id="F4" sourceRef="A" targetRef="E"/><bpmn:sequenceFlow id="F5" sourceRef="B" targetRef="E"/>`);
}

/** Finding 11: a condition iterating 30 million items took 186 s and 5.2 GB and passed validate. */
describe('condition limits', () => {
  it.each([
    'count(for i in 1..30000000 return i) > 0',
    'some i in 1..1000, j in 1..1000 satisfies i = j * 2',
    'every x in -200000..0 satisfies x &lt; 1',
  ])('refuses %s at import with LIMIT_EXCEEDED on the flow', async (condition) => {
    const result = await compileBpmn(gateway(condition));
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        elementId: 'F2',
        code: 'LIMIT_EXCEEDED',
        message: expect.stringContaining('100,000'),
      }),
    ]);
  });

  it('refuses a condition longer than the length limit', () => {
    const long = `amount > ${'1 + '.repeat(CONDITION_LIMITS.length)}1`;
    expect(parseCondition(long)).toMatchObject({ ok: false, limit: true });
  });

  it('accepts small literal ranges and ranges over variables', async () => {
    expect((await compileBpmn(gateway('some i in 1..10 satisfies i = n'))).ok).toBe(true);
    expect((await compileBpmn(gateway('count(for i in 1..n return i) > 3'))).ok).toBe(true);
  });

  it('at run time, throws ExpressionLimitError before evaluating a range the variables make huge', () => {
    const condition = 'count(for i in 1..n return i) > 3';
    expect(evaluateCondition(condition, { n: 10 })).toBe(true);
    expect(() => evaluateCondition(condition, { n: 30_000_000 }, { elementId: 'F2' })).toThrow(
      ExpressionLimitError,
    );
    expect(() =>
      evaluateCondition('some x in items, y in items satisfies x = y', {
        items: Array.from({ length: 1000 }, (_, i) => i),
      }),
    ).toThrow(ExpressionLimitError);
  });

  it('a step that would evaluate it is refused with EXPRESSION_LIMIT, the case untouched', async () => {
    const result = await compileBpmn(gateway('count(for i in 1..n return i) > 3'));
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    const refused = step(
      result.definition,
      null,
      { type: 'start', caseId: 'c1', variables: { n: 30_000_000 } },
      T0,
    );
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error).toBeInstanceOf(ExpressionLimitError);
    expect(refused.error).toMatchObject({ code: 'EXPRESSION_LIMIT', elementId: 'F2' });
  });
});
