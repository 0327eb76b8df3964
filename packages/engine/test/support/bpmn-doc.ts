import { TB_NAMESPACE_URI } from '../../src/bpmn/index.js';

const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

/** A BPMN document with one executable process `P` around `body`; `prolog` goes before the root. */
export function bpmnDocument(body: string, prolog = '<?xml version="1.0" encoding="UTF-8"?>'): string {
  return `${prolog}
<bpmn:definitions xmlns:bpmn="${BPMN}" xmlns:tb="${TB_NAMESPACE_URI}" id="D" targetNamespace="https://tongban.dev/test">
  <bpmn:process id="P" isExecutable="true">${body}</bpmn:process>
</bpmn:definitions>`;
}

/** start `S` → user task `id` (department `department`) → end `E`, flows `F1`, `F2` unless given. */
export function oneTask(
  id: string,
  options: { department?: string; flows?: [string, string]; attrs?: string } = {},
): string {
  const [f1, f2] = options.flows ?? ['F1', 'F2'];
  return `<bpmn:startEvent id="S"/>
    <bpmn:userTask id="${id}" tb:department="${options.department ?? '消防救援支队'}" ${options.attrs ?? ''}/>
    <bpmn:endEvent id="E"/>
    <bpmn:sequenceFlow id="${f1}" sourceRef="S" targetRef="${id}"/>
    <bpmn:sequenceFlow id="${f2}" sourceRef="${id}" targetRef="E"/>`;
}
