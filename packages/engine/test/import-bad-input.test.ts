import { describe, expect, it } from 'vitest';
import { compileBpmn } from '../src/validate.js';
import { bpmnDocument, oneTask } from './support/bpmn-doc.js';

async function codes(xml: string): Promise<[string | null, string, string][]> {
  const result = await compileBpmn(xml);
  return result.diagnostics.map((d) => [d.elementId, d.code, d.severity]);
}

/** Finding 12 (engine side): bad input that used to pass `validate` quietly. */
describe('quietly accepted bad input is refused', () => {
  it('refuses a DOCTYPE instead of keeping an entity as a department name', async () => {
    const prolog = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY dep "住建局">]>';
    const result = await compileBpmn(bpmnDocument(oneTask('T', { department: '&dep;' }), prolog));
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ elementId: null, code: 'DOCTYPE', severity: 'error' }),
    ]);
  });

  it.each([
    ['3000000', 'naturalDays'],
    ['1000000000', 'hours'],
    ['3651', 'workingDays'],
  ])('refuses a task limit of %s %s with BAD_TIME_LIMIT on the task', async (amount, unit) => {
    const attrs = `tb:timeLimit="${amount}" tb:timeLimitUnit="${unit}"`;
    expect(await codes(bpmnDocument(oneTask('T', { attrs })))).toEqual([['T', 'BAD_TIME_LIMIT', 'error']]);
  });

  it('accepts ten years, the longest limit', async () => {
    const attrs = 'tb:timeLimit="3650" tb:timeLimitUnit="naturalDays"';
    expect(await codes(bpmnDocument(oneTask('T', { attrs })))).toEqual([]);
  });

  it.each([
    ['tb:timeLimit="5" tb:warning="5"'],
    ['tb:timeLimit="5" tb:warning="10"'],
    ['tb:timeLimit="2" tb:timeLimitUnit="naturalDays" tb:warning="48" tb:warningUnit="hours"'],
  ])('refuses a task warning not shorter than its limit (%s)', async (attrs) => {
    expect(await codes(bpmnDocument(oneTask('T', { attrs })))).toEqual([['T', 'BAD_TIME_LIMIT', 'error']]);
  });

  it('refuses a matter warning longer than its promised limit, on the process', async () => {
    const xml = bpmnDocument(oneTask('T')).replace(
      'isExecutable="true"',
      'isExecutable="true" tb:promisedLimit="10" tb:legalLimit="20" tb:warning="15"',
    );
    expect(await codes(xml)).toEqual([['P', 'BAD_TIME_LIMIT', 'error']]);
  });

  it('refuses a timer of a million days with BAD_TIMER', async () => {
    const body = `<bpmn:startEvent id="S"/><bpmn:intermediateCatchEvent id="W"><bpmn:timerEventDefinition><bpmn:timeDuration>P1000000D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent><bpmn:endEvent id="E"/>
      <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="W"/><bpmn:sequenceFlow id="F2" sourceRef="W" targetRef="E"/>`;
    expect(await codes(bpmnDocument(body))).toEqual([['W', 'BAD_TIMER', 'error']]);
  });
});

/** Finding 8: every parser warning becomes a diagnostic. */
describe('parser warnings', () => {
  it('an unknown BPMN attribute is a warning on its element', async () => {
    const xml = bpmnDocument(oneTask('T', { attrs: 'bpmn:priority="high"' }));
    expect(await codes(xml)).toEqual([['T', 'UNSUPPORTED_ATTRIBUTE', 'warning']]);
  });

  it('an element moddle cannot place is an error, not a silent gap', async () => {
    const xml = bpmnDocument(
      oneTask('T').replace(
        '<bpmn:endEvent id="E"/>',
        '<bpmn:endEvent id="E"><bpmn:userTask id="X"/></bpmn:endEvent>',
      ),
    );
    const result = await compileBpmn(xml);
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'MALFORMED_XML', severity: 'error' }),
    );
  });

  it('a declared legacy encoding is a BAD_ENCODING warning', async () => {
    const xml = bpmnDocument(oneTask('T'), '<?xml version="1.0" encoding="GBK"?>');
    expect(await codes(xml)).toEqual([[null, 'BAD_ENCODING', 'warning']]);
  });

  it('a reference no reader uses (here in the diagram) is a MISSING_TARGET warning', async () => {
    const xml = bpmnDocument(oneTask('T')).replace(
      '</bpmn:definitions>',
      `<bpmndi:BPMNDiagram xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" id="Di"><bpmndi:BPMNPlane id="Pl" bpmnElement="P"><bpmndi:BPMNShape id="Sh" bpmnElement="Gone"/></bpmndi:BPMNPlane></bpmndi:BPMNDiagram></bpmn:definitions>`,
    );
    expect(await codes(xml)).toEqual([['Sh', 'MISSING_TARGET', 'warning']]);
  });
});

/** Found by compile-fuzz.property.test.ts: a boundary whose host was refused left without a word. */
describe('boundary events on refused hosts', () => {
  it('names a boundary event that sits on a refused boundary event', async () => {
    const timer =
      '<bpmn:timerEventDefinition><bpmn:timeDuration>PT4H</bpmn:timeDuration></bpmn:timerEventDefinition>';
    const body = `<bpmn:startEvent id="S"/><bpmn:boundaryEvent id="B1" attachedToRef="S">${timer}</bpmn:boundaryEvent>
      <bpmn:boundaryEvent id="B2" attachedToRef="B1">${timer}</bpmn:boundaryEvent>`;
    const result = await compileBpmn(bpmnDocument(body));
    expect(result.diagnostics.filter((d) => d.code === 'BAD_BOUNDARY').map((d) => d.elementId)).toEqual([
      'B1',
      'B2',
    ]);
  });
});
