import { describe, expect, it } from 'vitest';
import { compileBpmn } from '../validate.js';

const doc = (
  process: string,
  matter = 'tb:promisedLimit="10" tb:promisedLimitUnit="workingDays"',
) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tb="https://tongban.dev/schema/bpmn/tb/1.0" id="D" targetNamespace="t">
  <bpmn:process id="P" isExecutable="true" ${matter}>${process}</bpmn:process>
</bpmn:definitions>`;

const task = (id: string, attrs: string) =>
  `<bpmn:userTask id="${id}" name="${id}" tb:department="D${id}" ${attrs}/>`;
const flow = (id: string, from: string, to: string) =>
  `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"/>`;

/** 受理 (lead) → fork → branches → join → 决定 (lead) → end. */
const stage = (branches: string[], limits: { accept: number; decide: number }) =>
  doc(
    [
      '<bpmn:startEvent id="S"/>',
      task('Accept', `tb:role="lead" tb:timeLimit="${limits.accept}"`),
      '<bpmn:parallelGateway id="Fork"/><bpmn:parallelGateway id="Join"/>',
      task('Decide', `tb:role="lead" tb:timeLimit="${limits.decide}"`),
      '<bpmn:endEvent id="E"/>',
      flow('f1', 'S', 'Accept'),
      flow('f2', 'Accept', 'Fork'),
      ...branches.flatMap((b, i) => [b, flow(`b${i}in`, 'Fork', `B${i}`), flow(`b${i}out`, `B${i}`, 'Join')]),
      flow('f3', 'Join', 'Decide'),
      flow('f4', 'Decide', 'E'),
    ].join('\n'),
  );

const warnings = async (xml: string) => {
  const result = await compileBpmn(xml);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.diagnostics.map((d) => [d.elementId, d.code, d.params]);
};

describe('domain checks (warnings; the model still compiles)', () => {
  it('is quiet on a stage with one lead, limited co-handlers and limits within the promise', async () => {
    const xml = stage(
      [task('B0', 'tb:role="lead" tb:timeLimit="5"'), task('B1', 'tb:role="co" tb:timeLimit="3"')],
      {
        accept: 1,
        decide: 2,
      },
    );
    await expect(warnings(xml)).resolves.toEqual([]);
  });

  it('warns when the step limits along a path pass the promised limit, naming the path', async () => {
    const xml = stage(
      [task('B0', 'tb:role="lead" tb:timeLimit="8"'), task('B1', 'tb:role="co" tb:timeLimit="3"')],
      {
        accept: 1,
        decide: 2,
      },
    );
    await expect(warnings(xml)).resolves.toEqual([
      [
        'P',
        'LIMITS_EXCEED_PROMISE',
        { total: 11, promised: 10, path: 'Accept → B0 → Decide', field: 'promisedLimit' },
      ],
    ]);
  });

  it('warns on a stage with two leads or none, and on a co-handler without a limit', async () => {
    const two = stage(
      [task('B0', 'tb:role="lead" tb:timeLimit="1"'), task('B1', 'tb:role="lead" tb:timeLimit="1"')],
      {
        accept: 1,
        decide: 1,
      },
    );
    await expect(warnings(two)).resolves.toEqual([['Fork', 'STAGE_LEADS', { leads: 2, field: 'role' }]]);
    const none = stage([task('B0', 'tb:role="co" tb:timeLimit="1"'), task('B1', 'tb:role="co"')], {
      accept: 1,
      decide: 1,
    });
    await expect(warnings(none)).resolves.toEqual([
      ['Fork', 'STAGE_LEADS', { leads: 0, field: 'role' }],
      ['B1', 'CO_STAGE_NO_LIMIT', { field: 'timeLimit' }],
    ]);
  });

  it('holds only a matter to its rules: a process without tb: matter attributes gets none', async () => {
    const xml = stage([task('B0', 'tb:role="co"'), task('B1', 'tb:role="co"')], {
      accept: 30,
      decide: 1,
    }).replace('tb:promisedLimit="10" tb:promisedLimitUnit="workingDays"', '');
    await expect(warnings(xml)).resolves.toEqual([]);
  });
});

describe('problems arrive together', () => {
  it('reports a missing department and a dead end in one answer', async () => {
    const xml = doc(
      [
        '<bpmn:startEvent id="S"/>',
        '<bpmn:userTask id="A" name="受理" tb:role="lead"/>',
        task('B', 'tb:role="lead"'),
        '<bpmn:endEvent id="E"/>',
        flow('f1', 'S', 'A'),
        flow('f2', 'A', 'B'),
        flow('f3', 'A', 'E'),
      ].join('\n'),
    );
    const result = await compileBpmn(xml);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => [d.elementId, d.code])).toEqual(
      expect.arrayContaining([
        ['A', 'MISSING_DEPARTMENT'],
        ['B', 'DEAD_END'],
      ]),
    );
  });
});
