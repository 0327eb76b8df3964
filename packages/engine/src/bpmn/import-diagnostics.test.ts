import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../model/diagnostics.js';
import { importBpmn, TB_NAMESPACE_URI } from './index.js';
import { modelProblems } from './ir-invariants.js';

const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

/** A document with one process around `body`; `roots` go before the process (messages, errors). */
function bpmn(body: string, options: { process?: string; roots?: string; tb?: string } = {}): string {
  const process = options.process ?? 'id="P" isExecutable="true"';
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="${BPMN}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:tb="${options.tb ?? TB_NAMESPACE_URI}" id="D" targetNamespace="https://tongban.dev/test">
  ${options.roots ?? ''}<bpmn:process ${process}>${body}</bpmn:process>
</bpmn:definitions>`;
}

/** start → `node` (id `T` unless given) → end. */
function around(node: string, id = 'T'): string {
  return `<bpmn:startEvent id="S"/>${node}<bpmn:endEvent id="E"/>
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="${id}"/>
    <bpmn:sequenceFlow id="F2" sourceRef="${id}" targetRef="E"/>`;
}

const TASK = '<bpmn:userTask id="T" tb:department="住房和城乡建设局"/>';

async function diagnose(xml: string): Promise<readonly Diagnostic[]> {
  const result = await importBpmn(xml);
  if (result.model !== null) expect(modelProblems(result.model)).toEqual([]);
  return result.diagnostics;
}

describe('importBpmn diagnostics', () => {
  it('accepts a clean model with no diagnostic', async () => {
    expect(await diagnose(bpmn(around(TASK)))).toEqual([]);
  });

  it.each([
    ['<bpmn:definitions', 'unclosed tag'],
    ['not xml at all', 'missing start tag'],
    ['', 'missing start tag'],
    ['<x:a xmlns:x="urn:other"/>', 'not BPMN 2.0'],
  ])('MALFORMED_XML for %j', async (xml, words) => {
    const result = await importBpmn(xml);
    expect(result.model).toBeNull();
    expect(result.diagnostics).toEqual([
      { elementId: null, code: 'MALFORMED_XML', severity: 'error', message: expect.stringContaining(words) },
    ]);
  });

  it('MALFORMED_XML names the line', async () => {
    const [diagnostic] = await diagnose(`${bpmn(around(TASK)).replace('</bpmn:process>', '')}`);
    expect(diagnostic).toMatchObject({ code: 'MALFORMED_XML', message: expect.stringMatching(/line \d+/) });
  });

  it('NO_PROCESS when the definitions hold no process', async () => {
    const xml = `<bpmn:definitions xmlns:bpmn="${BPMN}" id="D"><bpmn:message id="M"/></bpmn:definitions>`;
    const result = await importBpmn(xml);
    expect(result.model).toBeNull();
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'NO_PROCESS', elementId: null })]);
  });

  it('MULTIPLE_PROCESSES: takes the executable process and warns', async () => {
    const other = `<bpmn:process id="Other">${around(TASK).replace(/id="|Ref="/g, '$&O_')}</bpmn:process>`;
    const result = await importBpmn(
      bpmn(around(TASK), { roots: other, process: 'id="P" isExecutable="true"' }),
    );
    expect(result.model?.id).toBe('P');
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'MULTIPLE_PROCESSES', elementId: 'P' }),
    ]);
    expect(result.diagnostics[0]?.severity).toBe('warning');
  });

  it('takes the one process with a flow from a collaboration without a warning', async () => {
    const roots = `<bpmn:collaboration id="C"><bpmn:participant id="A" processRef="P"/><bpmn:participant id="B" processRef="Empty"/></bpmn:collaboration><bpmn:process id="Empty"/>`;
    const result = await importBpmn(bpmn(around(TASK), { roots, process: 'id="P"' }));
    expect(result.model?.id).toBe('P');
    expect(result.diagnostics).toEqual([]);
  });

  it.each([
    ['sendTask', '<bpmn:sendTask id="T"/>', 'serviceTask'],
    ['receiveTask', '<bpmn:receiveTask id="T"/>', 'message intermediate catch'],
    ['scriptTask', '<bpmn:scriptTask id="T"/>', 'serviceTask'],
    ['businessRuleTask', '<bpmn:businessRuleTask id="T"/>', 'serviceTask'],
    ['callActivity', '<bpmn:callActivity id="T"/>', 'embedded subProcess'],
    ['eventBasedGateway', '<bpmn:eventBasedGateway id="T"/>', 'boundary events'],
    ['complexGateway', '<bpmn:complexGateway id="T"/>', 'inclusive gateway'],
    [
      'transaction',
      '<bpmn:transaction id="T"><bpmn:startEvent id="TS"/></bpmn:transaction>',
      'error boundary',
    ],
    ['adHocSubProcess', '<bpmn:adHocSubProcess id="T"/>', 'gateways'],
    ['none throw event', '<bpmn:intermediateThrowEvent id="T"/>', 'remove it'],
    [
      'sequential multi-instance',
      `<bpmn:userTask id="T" tb:collection="coDepartments"><bpmn:multiInstanceLoopCharacteristics isSequential="true"/></bpmn:userTask>`,
      'isSequential',
    ],
    [
      'standard loop',
      `<bpmn:userTask id="T" tb:department="A"><bpmn:standardLoopCharacteristics/></bpmn:userTask>`,
      '退回',
    ],
    [
      'multi-instance service task',
      `<bpmn:serviceTask id="T" tb:handler="h"><bpmn:multiInstanceLoopCharacteristics/></bpmn:serviceTask>`,
      'one handler',
    ],
    [
      'multi-instance subprocess',
      `<bpmn:subProcess id="T"><bpmn:multiInstanceLoopCharacteristics/></bpmn:subProcess>`,
      'multi-instance user task',
    ],
    [
      'compensation handler',
      `<bpmn:userTask id="T" tb:department="A" isForCompensation="true"/>`,
      'explicit tasks',
    ],
  ])('UNSUPPORTED_ELEMENT for a %s', async (_what, node, advice) => {
    expect(await diagnose(bpmn(around(node)))).toEqual([
      {
        elementId: 'T',
        code: 'UNSUPPORTED_ELEMENT',
        severity: 'error',
        message: expect.stringContaining(advice),
      },
    ]);
  });

  it('UNSUPPORTED_ELEMENT for an event subprocess, without an unreachable warning', async () => {
    const sub = `<bpmn:subProcess id="ES" triggeredByEvent="true"><bpmn:startEvent id="ES_S"/></bpmn:subProcess>`;
    expect(await diagnose(bpmn(around(TASK) + sub))).toEqual([
      expect.objectContaining({ elementId: 'ES', code: 'UNSUPPORTED_ELEMENT' }),
    ]);
  });

  it('UNSUPPORTED_ELEMENT for a conditional flow out of a task or a parallel gateway', async () => {
    const body = `<bpmn:startEvent id="S"/>${TASK}<bpmn:parallelGateway id="G"/><bpmn:endEvent id="E"/>
      <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T"/>
      <bpmn:sequenceFlow id="F2" sourceRef="T" targetRef="G"><bpmn:conditionExpression>x &gt; 1</bpmn:conditionExpression></bpmn:sequenceFlow>
      <bpmn:sequenceFlow id="F3" sourceRef="G" targetRef="E"><bpmn:conditionExpression>x &gt; 1</bpmn:conditionExpression></bpmn:sequenceFlow>`;
    const diagnostics = await diagnose(bpmn(body));
    expect(diagnostics).toEqual([
      expect.objectContaining({
        elementId: 'F2',
        code: 'UNSUPPORTED_ELEMENT',
        message: expect.stringContaining('exclusive gateway after "T"'),
      }),
      expect.objectContaining({
        elementId: 'F3',
        code: 'UNSUPPORTED_ELEMENT',
        message: expect.stringContaining('inclusive gateway'),
      }),
    ]);
  });

  it('ignores lanes, data objects, annotations and message flows silently', async () => {
    const body = `<bpmn:laneSet id="LS"><bpmn:lane id="L"><bpmn:flowNodeRef>T</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>
      ${around(TASK)}<bpmn:dataObject id="DO"/><bpmn:dataObjectReference id="DOR" dataObjectRef="DO"/>
      <bpmn:dataStoreReference id="DSR"/><bpmn:textAnnotation id="A"><bpmn:text>说明</bpmn:text></bpmn:textAnnotation>
      <bpmn:association id="AS" sourceRef="T" targetRef="A"/>`;
    const result = await importBpmn(bpmn(body));
    expect(result.diagnostics).toEqual([]);
    expect(Object.keys(result.model?.root.nodes ?? {})).toEqual(['S', 'T', 'E']);
  });

  it.each([
    ['signal', '<bpmn:signalEventDefinition/>', 'message event'],
    ['escalation', '<bpmn:escalationEventDefinition/>', 'error end event'],
    ['compensate', '<bpmn:compensateEventDefinition/>', 'explicit tasks'],
    [
      'conditional',
      '<bpmn:conditionalEventDefinition><bpmn:condition>x</bpmn:condition></bpmn:conditionalEventDefinition>',
      'exclusive gateway',
    ],
    ['link', '<bpmn:linkEventDefinition name="L"/>', 'directly'],
  ])('UNSUPPORTED_EVENT_DEFINITION for a %s catch event', async (_what, definition, advice) => {
    const node = `<bpmn:intermediateCatchEvent id="T">${definition}</bpmn:intermediateCatchEvent>`;
    expect(await diagnose(bpmn(around(node)))).toEqual([
      {
        elementId: 'T',
        code: 'UNSUPPORTED_EVENT_DEFINITION',
        severity: 'error',
        message: expect.stringContaining(advice),
      },
    ]);
  });

  it('UNSUPPORTED_EVENT_DEFINITION for message and timer start events, signal boundaries and message ends', async () => {
    const body = `<bpmn:startEvent id="S"><bpmn:messageEventDefinition/></bpmn:startEvent>${TASK}
      <bpmn:boundaryEvent id="B" attachedToRef="T"><bpmn:signalEventDefinition/></bpmn:boundaryEvent>
      <bpmn:endEvent id="E"><bpmn:messageEventDefinition/></bpmn:endEvent>
      <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T"/><bpmn:sequenceFlow id="F2" sourceRef="T" targetRef="E"/>`;
    const diagnostics = await diagnose(bpmn(body));
    expect(diagnostics.map((d) => [d.elementId, d.code])).toEqual([
      ['S', 'UNSUPPORTED_EVENT_DEFINITION'],
      ['B', 'UNSUPPORTED_EVENT_DEFINITION'],
      ['E', 'UNSUPPORTED_EVENT_DEFINITION'],
    ]);
  });

  it('UNSUPPORTED_EVENT_DEFINITION for an event with two triggers', async () => {
    const node = `<bpmn:intermediateCatchEvent id="T"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition><bpmn:messageEventDefinition/></bpmn:intermediateCatchEvent>`;
    expect(await diagnose(bpmn(around(node)))).toEqual([
      expect.objectContaining({
        elementId: 'T',
        code: 'UNSUPPORTED_EVENT_DEFINITION',
        message: expect.stringContaining('2 triggers'),
      }),
    ]);
  });

  it('UNSUPPORTED_ATTRIBUTE for a misspelt or misplaced tb: attribute', async () => {
    const node = '<bpmn:userTask id="T" tb:department="A" tb:departmnet="B"/>';
    const body = around(node).replace('<bpmn:endEvent id="E"/>', '<bpmn:endEvent id="E" tb:handler="x"/>');
    const diagnostics = await diagnose(bpmn(body));
    expect(diagnostics).toEqual([
      expect.objectContaining({
        elementId: 'T',
        code: 'UNSUPPORTED_ATTRIBUTE',
        severity: 'warning',
        message: expect.stringContaining('tb:departmnet'),
      }),
      expect.objectContaining({
        elementId: 'E',
        code: 'UNSUPPORTED_ATTRIBUTE',
        message: expect.stringContaining('takes no tb: attributes'),
      }),
    ]);
  });

  it('UNSUPPORTED_ATTRIBUTE when tb: is bound to another namespace', async () => {
    const diagnostics = await diagnose(bpmn(around(TASK), { tb: 'https://example.com/old-tb' }));
    expect(diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          elementId: 'P',
          code: 'UNSUPPORTED_ATTRIBUTE',
          message: expect.stringContaining(TB_NAMESPACE_URI),
        }),
        expect.objectContaining({ elementId: 'T', code: 'MISSING_DEPARTMENT' }),
      ]),
    );
  });

  it('reads tb: attributes under another prefix bound to the Tongban namespace', async () => {
    const xml = bpmn(around('<bpmn:userTask id="T" tongban:department="A" tongban:role="lead"/>')).replace(
      `xmlns:tb="${TB_NAMESPACE_URI}"`,
      `xmlns:tongban="${TB_NAMESPACE_URI}"`,
    );
    const result = await importBpmn(xml);
    expect(result.diagnostics).toEqual([]);
    expect(result.model?.root.nodes.T).toMatchObject({ department: 'A', role: 'lead' });
  });

  it('MISSING_TARGET and MISSING_SOURCE for dangling and absent flow ends', async () => {
    const body = `${around(TASK)}<bpmn:sequenceFlow id="F3" sourceRef="T" targetRef="Nowhere"/>
      <bpmn:sequenceFlow id="F4" targetRef="E"/>`;
    expect(await diagnose(bpmn(body))).toEqual([
      expect.objectContaining({
        elementId: 'F3',
        code: 'MISSING_TARGET',
        message: expect.stringContaining('"Nowhere"'),
      }),
      expect.objectContaining({
        elementId: 'F4',
        code: 'MISSING_SOURCE',
        message: expect.stringContaining('no sourceRef'),
      }),
    ]);
  });

  it('MISSING_TARGET for a flow into another scope', async () => {
    const body = `<bpmn:startEvent id="S"/><bpmn:subProcess id="Sub"><bpmn:startEvent id="SubS"/>${TASK}
      <bpmn:sequenceFlow id="SF" sourceRef="SubS" targetRef="T"/></bpmn:subProcess><bpmn:endEvent id="E"/>
      <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="Sub"/><bpmn:sequenceFlow id="F2" sourceRef="Sub" targetRef="E"/>
      <bpmn:sequenceFlow id="F3" sourceRef="S" targetRef="T"/>`;
    expect(await diagnose(bpmn(body))).toEqual([
      expect.objectContaining({
        elementId: 'F3',
        code: 'MISSING_TARGET',
        message: expect.stringContaining('subprocess border'),
      }),
    ]);
  });

  it('NO_START_EVENT for a process and a subprocess without one', async () => {
    const sub = `<bpmn:subProcess id="Sub">${TASK}</bpmn:subProcess>`;
    const noStart = `${sub}<bpmn:endEvent id="E"/><bpmn:sequenceFlow id="F" sourceRef="Sub" targetRef="E"/>`;
    expect(await diagnose(bpmn(noStart))).toEqual([
      expect.objectContaining({ elementId: 'Sub', code: 'NO_START_EVENT' }),
      expect.objectContaining({ elementId: 'P', code: 'NO_START_EVENT' }),
    ]);
  });

  it('MULTIPLE_START_EVENTS for a second none start event', async () => {
    const body = `${around(TASK)}<bpmn:startEvent id="S2"/><bpmn:sequenceFlow id="F3" sourceRef="S2" targetRef="T"/>`;
    expect(await diagnose(bpmn(body))).toEqual([
      expect.objectContaining({ elementId: 'S2', code: 'MULTIPLE_START_EVENTS', severity: 'error' }),
    ]);
  });

  it('UNREACHABLE_NODE for an island, but not for a boundary path of a reached task', async () => {
    const body = `${around(TASK)}<bpmn:userTask id="Island" tb:department="A"/>
      <bpmn:sequenceFlow id="F3" sourceRef="Island" targetRef="E"/>
      <bpmn:boundaryEvent id="B" attachedToRef="T"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
      <bpmn:endEvent id="BE"/><bpmn:sequenceFlow id="F4" sourceRef="B" targetRef="BE"/>`;
    expect(await diagnose(bpmn(body))).toEqual([
      {
        elementId: 'Island',
        code: 'UNREACHABLE_NODE',
        severity: 'error',
        message: expect.stringContaining('never runs'),
      },
    ]);
  });

  it('BAD_CONDITION with feelin’s message, for flows and completion conditions', async () => {
    const body = `<bpmn:startEvent id="S"/><bpmn:exclusiveGateway id="G" default="F3"/>
      <bpmn:userTask id="T" tb:collection="coDepartments"><bpmn:multiInstanceLoopCharacteristics><bpmn:completionCondition>)(</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>
      <bpmn:endEvent id="E"/><bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="G"/>
      <bpmn:sequenceFlow id="F2" sourceRef="G" targetRef="T"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">amount &gt;</bpmn:conditionExpression></bpmn:sequenceFlow>
      <bpmn:sequenceFlow id="F3" sourceRef="G" targetRef="E"/><bpmn:sequenceFlow id="F4" sourceRef="T" targetRef="E"/>
      <bpmn:sequenceFlow id="F5" sourceRef="G" targetRef="E"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="javascript">a &gt; 1</bpmn:conditionExpression></bpmn:sequenceFlow>`;
    expect(await diagnose(bpmn(body))).toEqual([
      expect.objectContaining({
        elementId: 'T',
        code: 'BAD_CONDITION',
        message: expect.stringContaining('completion condition does not parse: Unrecognized token'),
      }),
      expect.objectContaining({
        elementId: 'F2',
        code: 'BAD_CONDITION',
        message: expect.stringContaining('Incomplete'),
      }),
      expect.objectContaining({
        elementId: 'F5',
        code: 'BAD_CONDITION',
        message: expect.stringContaining('"javascript"'),
      }),
    ]);
  });

  it('BAD_DEFAULT_FLOW: not outgoing, with a condition, on a parallel gateway or a task', async () => {
    const body = `<bpmn:startEvent id="S"/><bpmn:exclusiveGateway id="G1" default="F1"/>
      <bpmn:inclusiveGateway id="G2" default="F3"/><bpmn:parallelGateway id="G3" default="F4"/>
      <bpmn:userTask id="T" tb:department="A" default="F5"/><bpmn:endEvent id="E"/>
      <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="G1"/><bpmn:sequenceFlow id="F2" sourceRef="G1" targetRef="G2"/>
      <bpmn:sequenceFlow id="F3" sourceRef="G2" targetRef="G3"><bpmn:conditionExpression>x</bpmn:conditionExpression></bpmn:sequenceFlow>
      <bpmn:sequenceFlow id="F4" sourceRef="G3" targetRef="T"/><bpmn:sequenceFlow id="F5" sourceRef="T" targetRef="E"/>`;
    const result = await importBpmn(bpmn(body));
    expect(result.diagnostics.map((d) => [d.elementId, d.code])).toEqual([
      ['G1', 'BAD_DEFAULT_FLOW'],
      ['F3', 'BAD_DEFAULT_FLOW'],
      ['G3', 'BAD_DEFAULT_FLOW'],
      ['T', 'BAD_DEFAULT_FLOW'],
    ]);
    expect(result.model?.root.nodes.G1).toMatchObject({ defaultFlow: null });
    expect(modelProblems(result.model!)).toEqual([]);
  });

  it('MISSING_CONDITION for an unconditional non-default flow out of an exclusive split only', async () => {
    const body = `<bpmn:startEvent id="S"/><bpmn:exclusiveGateway id="X" default="F2"/><bpmn:inclusiveGateway id="I"/>
      <bpmn:inclusiveGateway id="J"/><bpmn:endEvent id="E"/>
      <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="X"/><bpmn:sequenceFlow id="F2" sourceRef="X" targetRef="I"/>
      <bpmn:sequenceFlow id="F3" sourceRef="X" targetRef="E"/>
      <bpmn:sequenceFlow id="F4" sourceRef="I" targetRef="J"/><bpmn:sequenceFlow id="F5" sourceRef="I" targetRef="J"/>
      <bpmn:sequenceFlow id="F6" sourceRef="J" targetRef="E"/>`;
    expect(await diagnose(bpmn(body))).toEqual([
      expect.objectContaining({ elementId: 'F3', code: 'MISSING_CONDITION', severity: 'error' }),
    ]);
  });

  it('MISSING_DEPARTMENT, naming a standard potentialOwner that names only people', async () => {
    const node = `<bpmn:userTask id="T"><bpmn:potentialOwner><bpmn:resourceAssignmentExpression><bpmn:formalExpression>user(kermit)</bpmn:formalExpression></bpmn:resourceAssignmentExpression></bpmn:potentialOwner></bpmn:userTask>`;
    expect(await diagnose(bpmn(around(node)))).toEqual([
      expect.objectContaining({
        elementId: 'T',
        code: 'MISSING_DEPARTMENT',
        severity: 'error',
        message: expect.stringMatching(/potentialOwner.*tb:department/),
      }),
    ]);
  });

  it('no MISSING_DEPARTMENT for a multi-instance task over departments or a collection', async () => {
    const fixed = `<bpmn:userTask id="T" tb:departments="A,B"><bpmn:multiInstanceLoopCharacteristics/></bpmn:userTask>`;
    const collection = `<bpmn:userTask id="T" tb:collection="coDepartments"><bpmn:multiInstanceLoopCharacteristics/></bpmn:userTask>`;
    expect(await diagnose(bpmn(around(fixed)))).toEqual([]);
    expect(await diagnose(bpmn(around(collection)))).toEqual([]);
  });

  it('BAD_ROLE for a role other than lead or co', async () => {
    expect(await diagnose(bpmn(around('<bpmn:userTask id="T" tb:department="A" tb:role="boss"/>')))).toEqual([
      expect.objectContaining({
        elementId: 'T',
        code: 'BAD_ROLE',
        message: expect.stringContaining('"lead"'),
      }),
    ]);
  });

  it.each([
    ['tb:timeLimit="abc"', 'not a valid limit'],
    ['tb:timeLimit="0"', 'greater than 0'],
    ['tb:timeLimit="2.5"', 'whole number of days'],
    ['tb:timeLimit="-3"', 'not a valid limit'],
    ['tb:timeLimit="3" tb:timeLimitUnit="weeks"', 'not a time unit'],
    ['tb:warning="120%"', 'percentage'],
    ['tb:warning="x" tb:warningUnit="hours"', 'not a valid limit'],
  ])('BAD_TIME_LIMIT for %s', async (attributes, words) => {
    const node = `<bpmn:userTask id="T" tb:department="A" ${attributes}/>`;
    expect(await diagnose(bpmn(around(node)))).toEqual([
      { elementId: 'T', code: 'BAD_TIME_LIMIT', severity: 'error', message: expect.stringContaining(words) },
    ]);
  });

  it('BAD_TIME_LIMIT warning for a unit without an amount', async () => {
    const node = '<bpmn:userTask id="T" tb:department="A" tb:timeLimitUnit="hours"/>';
    expect(await diagnose(bpmn(around(node)))).toEqual([
      expect.objectContaining({ elementId: 'T', code: 'BAD_TIME_LIMIT', severity: 'warning' }),
    ]);
  });

  it.each([
    ['<bpmn:timeDuration>P3X</bpmn:timeDuration>', 'not a valid ISO 8601 duration'],
    ['<bpmn:timeDuration>-P1D</bpmn:timeDuration>', 'not a valid ISO 8601 duration'],
    ['<bpmn:timeDuration>PT</bpmn:timeDuration>', 'not a valid ISO 8601 duration'],
    ['<bpmn:timeDate>2026-02-30T09:00:00+08:00</bpmn:timeDate>', 'not a valid ISO 8601 date'],
    ['<bpmn:timeDate>next tuesday</bpmn:timeDate>', 'not a valid ISO 8601 date'],
    ['<bpmn:timeCycle>every day</bpmn:timeCycle>', 'not a valid ISO 8601 cycle'],
    ['<bpmn:timeDuration></bpmn:timeDuration>', 'is empty'],
    ['', 'has no timeDuration'],
    ['<bpmn:timeDuration>P1D</bpmn:timeDuration><bpmn:timeDate>2026-01-01</bpmn:timeDate>', 'more than one'],
    ['<bpmn:timeCycle>R3/PT1H</bpmn:timeCycle>', 'waits once'],
  ])('BAD_TIMER for %s', async (value, words) => {
    const node = `<bpmn:intermediateCatchEvent id="T"><bpmn:timerEventDefinition>${value}</bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>`;
    const diagnostics = await diagnose(bpmn(around(node)));
    expect(diagnostics).toEqual([
      { elementId: 'T', code: 'BAD_TIMER', severity: 'error', message: expect.stringContaining(words) },
    ]);
  });

  it('BAD_TIMER warning for tb:calendar on a date timer', async () => {
    const node = `<bpmn:intermediateCatchEvent id="T"><bpmn:timerEventDefinition tb:calendar="CN"><bpmn:timeDate>2026-03-02T09:00:00+08:00</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>`;
    const result = await importBpmn(bpmn(around(node)));
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ elementId: 'T', code: 'BAD_TIMER', severity: 'warning' }),
    ]);
    expect(result.model?.root.nodes.T).toMatchObject({ timer: { type: 'date', calendar: 'CN' } });
  });

  it('MISSING_TARGET warning for an error event naming an undeclared error; it catches any error', async () => {
    const body = `<bpmn:startEvent id="S"/><bpmn:subProcess id="Sub"><bpmn:startEvent id="SS"/><bpmn:endEvent id="SE"><bpmn:errorEventDefinition errorRef="Nope"/></bpmn:endEvent>
      <bpmn:sequenceFlow id="SF" sourceRef="SS" targetRef="SE"/></bpmn:subProcess>
      <bpmn:boundaryEvent id="B" attachedToRef="Sub"><bpmn:errorEventDefinition/></bpmn:boundaryEvent><bpmn:endEvent id="E"/>
      <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="Sub"/><bpmn:sequenceFlow id="F2" sourceRef="Sub" targetRef="E"/>
      <bpmn:sequenceFlow id="F3" sourceRef="B" targetRef="E"/>`;
    const result = await importBpmn(bpmn(body));
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ elementId: 'SE', code: 'MISSING_TARGET', severity: 'warning' }),
    ]);
    expect(result.model?.root.nodes.B).toMatchObject({ trigger: { type: 'error', errorCode: null } });
  });

  it('accepts ISO cycles with a start or an end', async () => {
    for (const cycle of ['R/P1D', 'R5/2026-03-01T09:00:00+08:00/P1D', 'R2/PT1H/2026-03-01T00:00:00Z']) {
      const node = `<bpmn:userTask id="T" tb:department="A"/><bpmn:boundaryEvent id="B" cancelActivity="false" attachedToRef="T"><bpmn:timerEventDefinition><bpmn:timeCycle>${cycle}</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent><bpmn:endEvent id="BE"/><bpmn:sequenceFlow id="F3" sourceRef="B" targetRef="BE"/>`;
      expect(await diagnose(bpmn(around(node))), cycle).toEqual([]);
    }
  });

  it('MISSING_MESSAGE for a message event without a message or with an undeclared one', async () => {
    const body = `<bpmn:startEvent id="S"/><bpmn:intermediateCatchEvent id="M1"><bpmn:messageEventDefinition/></bpmn:intermediateCatchEvent>
      <bpmn:intermediateCatchEvent id="M2"><bpmn:messageEventDefinition messageRef="Nope"/></bpmn:intermediateCatchEvent><bpmn:endEvent id="E"/>
      <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="M1"/><bpmn:sequenceFlow id="F2" sourceRef="M1" targetRef="M2"/><bpmn:sequenceFlow id="F3" sourceRef="M2" targetRef="E"/>`;
    expect(await diagnose(bpmn(body))).toEqual([
      expect.objectContaining({
        elementId: 'M1',
        code: 'MISSING_MESSAGE',
        message: expect.stringContaining('no messageRef'),
      }),
      expect.objectContaining({
        elementId: 'M2',
        code: 'MISSING_MESSAGE',
        message: expect.stringContaining('"Nope"'),
      }),
    ]);
  });

  it('MISSING_HANDLER for a service task with neither tb:handler nor implementation', async () => {
    expect(await diagnose(bpmn(around('<bpmn:serviceTask id="T" implementation="##WebService"/>')))).toEqual([
      expect.objectContaining({ elementId: 'T', code: 'MISSING_HANDLER' }),
    ]);
  });

  it('BAD_MULTI_INSTANCE: no departments (error), both sources or no marker (warnings)', async () => {
    const none = `<bpmn:userTask id="T"><bpmn:multiInstanceLoopCharacteristics/></bpmn:userTask>`;
    expect(await diagnose(bpmn(around(none)))).toEqual([
      expect.objectContaining({ elementId: 'T', code: 'BAD_MULTI_INSTANCE', severity: 'error' }),
    ]);
    const both = `<bpmn:userTask id="T" tb:departments="A,B" tb:collection="c"><bpmn:multiInstanceLoopCharacteristics/></bpmn:userTask>`;
    expect(await diagnose(bpmn(around(both)))).toEqual([
      expect.objectContaining({ elementId: 'T', code: 'BAD_MULTI_INSTANCE', severity: 'warning' }),
    ]);
    const unmarked = '<bpmn:userTask id="T" tb:department="A" tb:departments="A,B"/>';
    expect(await diagnose(bpmn(around(unmarked)))).toEqual([
      expect.objectContaining({ elementId: 'T', code: 'BAD_MULTI_INSTANCE', severity: 'warning' }),
    ]);
  });

  it('reads decision modes, handlers with weights, pass ratio and claim into the IR', async () => {
    const xml = bpmn(
      around(
        '<bpmn:userTask id="T" tb:department="规划局" tb:decisionMode="vote" tb:handlers="张三:2，李四、王五" tb:passRatio="67%"/>',
      ),
    );
    const result = await importBpmn(xml);
    expect(result.diagnostics).toEqual([]);
    expect(result.model?.root.nodes.T).toMatchObject({
      decisionMode: 'vote',
      handlers: [
        { id: '张三', weight: 2 },
        { id: '李四', weight: 1 },
        { id: '王五', weight: 1 },
      ],
      passRatio: 0.67,
    });
    const claimed = await importBpmn(
      bpmn(around('<bpmn:userTask id="T" tb:department="规划局" tb:claim="one"/>')),
    );
    expect(claimed.model?.root.nodes.T).toMatchObject({ claim: 'one' });
    expect(claimed.model?.root.nodes.T).not.toHaveProperty('decisionMode');
  });

  it.each([
    ['tb:decisionMode="majority"', 'error'],
    ['tb:decisionMode="vote" tb:passRatio="1.5"', 'error'],
    ['tb:decisionMode="vote" tb:passRatio="0"', 'error'],
    ['tb:decisionMode="all" tb:handlers="张三:0"', 'error'],
    ['tb:decisionMode="all" tb:handlers="张三,张三"', 'error'],
    ['tb:claim="some"', 'error'],
    ['tb:decisionMode="all" tb:claim="one"', 'error'],
    ['tb:decisionMode="all" tb:passRatio="0.5"', 'warning'],
    ['tb:handlers="张三"', 'warning'],
    ['tb:decisionMode="all" tb:handlers="张三:3"', 'warning'],
  ])('BAD_DECISION_MODE for %s (%s), on the task', async (attributes, severity) => {
    const xml = bpmn(around(`<bpmn:userTask id="T" tb:department="规划局" ${attributes}/>`));
    expect(await diagnose(xml)).toEqual([
      expect.objectContaining({ elementId: 'T', code: 'BAD_DECISION_MODE', severity }),
    ]);
  });

  it('BAD_BOUNDARY: no host, a gateway host, no trigger, non-interrupting error, incoming flow', async () => {
    const timer =
      '<bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition>';
    const body = `<bpmn:startEvent id="S"/>${TASK}<bpmn:exclusiveGateway id="G"/><bpmn:endEvent id="E"/>
      <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T"/><bpmn:sequenceFlow id="F2" sourceRef="T" targetRef="G"/><bpmn:sequenceFlow id="F3" sourceRef="G" targetRef="E"/>
      <bpmn:boundaryEvent id="B1" attachedToRef="Gone">${timer}</bpmn:boundaryEvent>
      <bpmn:boundaryEvent id="B2" attachedToRef="G">${timer}</bpmn:boundaryEvent>
      <bpmn:boundaryEvent id="B3" attachedToRef="T"/>
      <bpmn:boundaryEvent id="B4" attachedToRef="T" cancelActivity="false"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>
      <bpmn:boundaryEvent id="B5" attachedToRef="T">${timer}</bpmn:boundaryEvent>
      <bpmn:sequenceFlow id="F4" sourceRef="S" targetRef="B5"/>`;
    const diagnostics = await diagnose(bpmn(body));
    expect(diagnostics.filter((d) => d.code === 'BAD_BOUNDARY').map((d) => d.elementId)).toEqual([
      'B1',
      'B3',
      'B4',
      'B2',
      'B5',
    ]);
  });

  it('BAD_MATTER for a bad kind, a bad extension cap and a promise beyond the legal limit', async () => {
    const process =
      'id="P" tb:matterKind="urgent" tb:extensionCap="ten" tb:legalLimit="20" tb:promisedLimit="25"';
    const diagnostics = await diagnose(bpmn(around(TASK), { process }));
    expect(diagnostics.map((d) => [d.elementId, d.code, d.severity])).toEqual([
      ['P', 'BAD_MATTER', 'error'],
      ['P', 'BAD_MATTER', 'error'],
      ['P', 'BAD_MATTER', 'error'],
    ]);
    expect(diagnostics.map((d) => d.message).join(' ')).toMatch(
      /matterKind.*exceeds the legal limit|exceeds.*matterKind/s,
    );
  });

  it('BAD_MATTER warning for a promised matter without any limit', async () => {
    const diagnostics = await diagnose(bpmn(around(TASK), { process: 'id="P" tb:matterKind="promised"' }));
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'BAD_MATTER', severity: 'warning' })]);
  });

  it('DUPLICATE_ID names the id', async () => {
    const body = `${around(TASK)}<bpmn:userTask id="T" tb:department="B"/>`;
    expect(await diagnose(bpmn(body))).toEqual([
      expect.objectContaining({ elementId: 'T', code: 'DUPLICATE_ID', severity: 'error' }),
    ]);
  });

  it('warns about elements that are not BPMN at all', async () => {
    const body = `${around(TASK)}<bpmn:userTaskk id="Typo"/>`;
    expect(await diagnose(bpmn(body))).toEqual([
      expect.objectContaining({
        elementId: null,
        code: 'UNSUPPORTED_ELEMENT',
        severity: 'warning',
        message: expect.stringContaining('bpmn:UserTaskk'),
      }),
    ]);
  });

  it('keeps the model closed when a node is refused', async () => {
    const result = await importBpmn(bpmn(around('<bpmn:scriptTask id="T"/>')));
    expect(result.model?.root.flows).toEqual({});
    expect(result.model?.root.nodes.S?.outgoing).toEqual([]);
    expect(modelProblems(result.model!)).toEqual([]);
  });
});
