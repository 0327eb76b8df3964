/**
 * The diagram “New” opens: one process declared as a matter (承诺件, 20 working days per
 * 行政许可法 Art. 42) with a start event, ready for the first task.
 */
export function emptyDiagram(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
  xmlns:tb="https://tongban.dev/schema/bpmn/tb/1.0"
  id="Definitions_1" targetNamespace="https://tongban.dev/matters">
  <bpmn:process id="Process_1" isExecutable="true" tb:matterKind="promised" tb:legalLimit="20" tb:legalLimitUnit="workingDays">
    <bpmn:startEvent id="StartEvent_1" name="受理" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="Process_1">
      <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1">
        <dc:Bounds x="180" y="160" width="36" height="36" />
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}
