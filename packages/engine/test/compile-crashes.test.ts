import { describe, expect, it } from 'vitest';
import { compileBpmn } from '../src/validate.js';
import { bpmnDocument } from './support/bpmn-doc.js';

/** Finding 10: shapes that used to crash compileBpmn with a stack trace. */
describe('compileBpmn on shapes that used to crash it', () => {
  it('compiles a chain of 6,000 service tasks (no recursion on the chain)', async () => {
    let body = '<bpmn:startEvent id="S"/>';
    let previous = 'S';
    for (let i = 0; i < 6000; i++) {
      body += `<bpmn:serviceTask id="T${i}" tb:handler="h"/><bpmn:sequenceFlow id="F${i}" sourceRef="${previous}" targetRef="T${i}"/>`;
      previous = `T${i}`;
    }
    body += `<bpmn:endEvent id="E"/><bpmn:sequenceFlow id="Fe" sourceRef="${previous}" targetRef="E"/>`;
    const result = await compileBpmn(bpmnDocument(body));
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
  }, 60_000);

  it('refuses a task loop with no way out with DEAD_END on its tasks', async () => {
    const body = `<bpmn:startEvent id="S"/><bpmn:userTask id="A" tb:department="x"/><bpmn:userTask id="B" tb:department="x"/>
      <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="A"/><bpmn:sequenceFlow id="F2" sourceRef="A" targetRef="B"/>
      <bpmn:sequenceFlow id="F3" sourceRef="B" targetRef="A"/>`;
    const result = await compileBpmn(bpmnDocument(body));
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => [d.elementId, d.code])).toEqual([
      ['A', 'DEAD_END'],
      ['B', 'DEAD_END'],
    ]);
  });

  it('refuses 1,000 nested subprocesses with LIMIT_EXCEEDED naming the limit', async () => {
    const depth = 1000;
    let open = '';
    let close = '';
    for (let i = 0; i < depth; i++) {
      open += `<bpmn:subProcess id="SP${i}"><bpmn:startEvent id="S${i}"/><bpmn:endEvent id="E${i}"/>
        <bpmn:sequenceFlow id="Fa${i}" sourceRef="S${i}" targetRef="SP${i + 1}"/><bpmn:sequenceFlow id="Fb${i}" sourceRef="SP${i + 1}" targetRef="E${i}"/>`;
      close += '</bpmn:subProcess>';
    }
    const inner = `<bpmn:subProcess id="SP${depth}"><bpmn:startEvent id="Sx"/><bpmn:endEvent id="Ex"/><bpmn:sequenceFlow id="Fx" sourceRef="Sx" targetRef="Ex"/></bpmn:subProcess>`;
    const body = `<bpmn:startEvent id="S"/><bpmn:endEvent id="E"/><bpmn:sequenceFlow id="Fa" sourceRef="S" targetRef="SP0"/>
      <bpmn:sequenceFlow id="Fb" sourceRef="SP0" targetRef="E"/>${open}${inner}${close}`;
    const result = await compileBpmn(bpmnDocument(body));
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        elementId: 'SP32',
        code: 'LIMIT_EXCEEDED',
        message: expect.stringContaining('at most 32 deep'),
      }),
    ]);
  });

  it('compiles subprocesses nested 32 deep, the limit', async () => {
    let body = '';
    for (let i = 31; i >= 0; i--) {
      const inside = body === '' ? '<bpmn:userTask id="T" tb:department="住建局"/>' : body;
      const first = body === '' ? 'T' : `SP${i + 1}`;
      body = `<bpmn:subProcess id="SP${i}"><bpmn:startEvent id="S${i}"/>${inside}<bpmn:endEvent id="E${i}"/>
        <bpmn:sequenceFlow id="Fa${i}" sourceRef="S${i}" targetRef="${first}"/><bpmn:sequenceFlow id="Fb${i}" sourceRef="${first}" targetRef="E${i}"/></bpmn:subProcess>`;
    }
    const result = await compileBpmn(
      bpmnDocument(`<bpmn:startEvent id="S"/><bpmn:endEvent id="E"/>${body}
        <bpmn:sequenceFlow id="Fa" sourceRef="S" targetRef="SP0"/><bpmn:sequenceFlow id="Fb" sourceRef="SP0" targetRef="E"/>`),
    );
    expect(result.diagnostics).toEqual([]);
  }, 60_000);
});
