/** A generated large diagram for the designer's large-model test and benchmarks (issue 20, item 10). */

/**
 * A matter with `stages` sequential parallel stages (并联审批 rounds), each a fork into `width`
 * co-handling departments and a join, between acceptance and decision: nodes and flows together
 * make the element count, with full diagram interchange so the designer draws every one.
 */
export function generate(stages: number, width: number): { xml: string; elements: number } {
  const nodes: string[] = [];
  const flows: string[] = [];
  const shapes: string[] = [];
  const edges: string[] = [];
  let x = 100;
  let flowCount = 0;
  const shape = (id: string, sx: number, sy: number, w: number, h: number) =>
    shapes.push(
      `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${sx}" y="${sy}" width="${w}" height="${h}" /></bpmndi:BPMNShape>`,
    );
  const flow = (from: string, to: string, points: [number, number][]) => {
    const id = `Flow_${++flowCount}`;
    flows.push(`<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`);
    edges.push(
      `<bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}">${points.map(([px, py]) => `<di:waypoint x="${px}" y="${py}" />`).join('')}</bpmndi:BPMNEdge>`,
    );
  };
  const mid = 100 + (width * 100) / 2;
  nodes.push('<bpmn:startEvent id="Start" />');
  shape('Start', x, mid - 18, 36, 36);
  nodes.push(
    '<bpmn:userTask id="Accept" name="受理" tb:department="住房和城乡建设局" tb:role="lead" tb:timeLimit="1" />',
  );
  shape('Accept', x + 80, mid - 40, 100, 80);
  flow('Start', 'Accept', [
    [x + 36, mid],
    [x + 80, mid],
  ]);
  let previous = 'Accept';
  x += 230;
  for (let s = 0; s < stages; s++) {
    const fork = `Fork_${s}`;
    const join = `Join_${s}`;
    nodes.push(`<bpmn:parallelGateway id="${fork}" />`);
    shape(fork, x, mid - 25, 50, 50);
    flow(previous, fork, [
      [x - 50, mid],
      [x, mid],
    ]);
    for (let w = 0; w < width; w++) {
      const task = `Review_${s}_${w}`;
      const y = 100 + w * 100;
      nodes.push(
        `<bpmn:userTask id="${task}" name="协办审查 ${s}-${w}" tb:department="部门${w}" tb:role="${w === 0 ? 'lead' : 'co'}" tb:timeLimit="5" />`,
      );
      shape(task, x + 100, y, 100, 80);
      flow(fork, task, [
        [x + 25, mid + 25],
        [x + 25, y + 40],
        [x + 100, y + 40],
      ]);
      flow(task, join, [
        [x + 200, y + 40],
        [x + 275, y + 40],
        [x + 275, mid + 25],
      ]);
    }
    nodes.push(`<bpmn:parallelGateway id="${join}" />`);
    shape(join, x + 250, mid - 25, 50, 50);
    previous = join;
    x += 400;
  }
  nodes.push(
    '<bpmn:userTask id="Decide" name="决定" tb:department="住房和城乡建设局" tb:role="lead" tb:timeLimit="2" />',
  );
  shape('Decide', x, mid - 40, 100, 80);
  flow(previous, 'Decide', [
    [x - 100, mid],
    [x, mid],
  ]);
  nodes.push('<bpmn:endEvent id="End" />');
  shape('End', x + 150, mid - 18, 36, 36);
  flow('Decide', 'End', [
    [x + 100, mid],
    [x + 150, mid],
  ]);
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:tb="https://tongban.dev/schema/bpmn/tb/1.0" id="Bench" targetNamespace="https://tongban.dev/bench">
<bpmn:process id="BenchMatter" isExecutable="true" tb:matterKind="promised" tb:legalLimit="${Math.max(45, stages * 5 + 15)}" tb:promisedLimit="${Math.max(40, stages * 5 + 10)}">
${nodes.join('\n')}
${flows.join('\n')}
</bpmn:process>
<bpmndi:BPMNDiagram id="Diagram"><bpmndi:BPMNPlane id="Plane" bpmnElement="BenchMatter">
${shapes.join('\n')}
${edges.join('\n')}
</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
  return { xml, elements: nodes.length + flows.length };
}
