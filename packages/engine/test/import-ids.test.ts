import { describe, expect, it } from 'vitest';
import { step } from '../src/runtime/step.js';
import { compileBpmn } from '../src/validate.js';
import { bpmnDocument, oneTask } from './support/bpmn-doc.js';

const T0 = Date.UTC(2026, 2, 2, 1, 0);

/** Finding 8: ids outside moddle's ASCII pattern (Chinese ids) used to drop the element silently. */
describe('ids the XML parser refuses', () => {
  it('accepts a task and flows with Chinese ids, and a case waits for that task', async () => {
    const result = await compileBpmn(bpmnDocument(oneTask('消防审查', { flows: ['流程1', '流程2'] })));
    expect(result.diagnostics).toEqual([]);
    if (!result.ok) throw new Error('expected the model to compile');
    expect([...result.definition.nodes.keys()]).toContain('消防审查');
    expect(Object.keys(result.definition.model.root.flows).sort()).toEqual(['流程1', '流程2']);
    const started = step(result.definition, null, { type: 'start', caseId: 'c1', variables: {} }, T0);
    if (!started.ok) throw started.error;
    const open = Object.values(started.snapshot.machine.context.tasks).map((t) => t.elementId);
    expect(open).toEqual(['消防审查']);
  });

  it('keeps a name equal to a Chinese id, and ids that start with a digit', async () => {
    const body = oneTask('1号审查', { attrs: 'name="1号审查"' });
    const result = await compileBpmn(bpmnDocument(body));
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    expect(result.definition.nodes.get('1号审查')?.name).toBe('1号审查');
  });

  it('refuses an id it cannot read with BAD_ID naming it, never dropping the element', async () => {
    // A character reference in an id is not rewritten before parsing, so moddle still refuses it.
    const result = await compileBpmn(bpmnDocument(oneTask('&#x6d88;防')));
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'BAD_ID', elementId: '消防', severity: 'error' }),
    );
  });
});

/** Finding 9: Flowable/Activiti write sequence flows without ids. */
describe('sequence flows without an id', () => {
  const body = `<bpmn:startEvent id="S"/><bpmn:userTask id="T" tb:department="住建局"/><bpmn:endEvent id="E"/>
    <bpmn:sequenceFlow sourceRef="S" targetRef="T"/><bpmn:sequenceFlow sourceRef="T" targetRef="E"/>`;

  it('compiles, naming each flow by its ends', async () => {
    const result = await compileBpmn(bpmnDocument(body));
    expect(result.diagnostics).toEqual([]);
    if (!result.ok) throw new Error('expected the model to compile');
    expect(Object.keys(result.definition.model.root.flows).sort()).toEqual(['S->T', 'T->E']);
  });

  it('gives the same ids on every import, numbering parallel flows between the same nodes', async () => {
    const twice = `<bpmn:startEvent id="S"/><bpmn:inclusiveGateway id="G"/><bpmn:inclusiveGateway id="J"/><bpmn:endEvent id="E"/>
      <bpmn:sequenceFlow sourceRef="S" targetRef="G"/>
      <bpmn:sequenceFlow sourceRef="G" targetRef="J"/><bpmn:sequenceFlow sourceRef="G" targetRef="J"/>
      <bpmn:sequenceFlow id="G->J#2" sourceRef="G" targetRef="J"/>
      <bpmn:sequenceFlow sourceRef="J" targetRef="E"/>`;
    const first = await compileBpmn(bpmnDocument(twice));
    const second = await compileBpmn(bpmnDocument(twice));
    if (!first.ok || !second.ok) throw new Error(JSON.stringify(first.diagnostics));
    const ids = Object.keys(first.definition.model.root.flows).sort();
    expect(ids).toEqual(['G->J', 'G->J#2', 'G->J#3', 'J->E', 'S->G']);
    expect(first.definition.hash).toBe(second.definition.hash);
  });
});
