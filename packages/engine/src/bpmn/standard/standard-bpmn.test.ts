// biome-ignore-all lint/suspicious/noTemplateCurlyInString: vendor attributes are written ${…}, in strings.

import { BpmnModdle } from 'bpmn-moddle';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../model/diagnostics.js';
import type { FlowNode, ProcessModel } from '../../model/process.js';
import { importBpmn, importDefinitions, TB_NAMESPACE_URI, tbModdleDescriptor } from '../index.js';
import { modelProblems } from '../ir-invariants.js';

const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

/** A document declaring the camunda, flowable and activiti namespaces (activiti as `act`). */
function bpmn(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="${BPMN}" xmlns:tb="${TB_NAMESPACE_URI}"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:flowable="http://flowable.org/bpmn"
 xmlns:act="http://activiti.org/bpmn" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="D" targetNamespace="https://tongban.dev/test">
  <bpmn:process id="P" isExecutable="true">${body}</bpmn:process>
</bpmn:definitions>`;
}

/** start → `node` (id `T`) → end. */
function around(node: string): string {
  return `<bpmn:startEvent id="S"/>${node}<bpmn:endEvent id="E"/>
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T"/>
    <bpmn:sequenceFlow id="F2" sourceRef="T" targetRef="E"/>`;
}

async function read(
  xml: string,
): Promise<{ model: ProcessModel | null; diagnostics: readonly Diagnostic[] }> {
  const result = await importBpmn(xml);
  if (result.model !== null) expect(modelProblems(result.model)).toEqual([]);
  return result;
}

function node(model: ProcessModel | null, id: string): FlowNode | undefined {
  return model?.root.nodes[id];
}

function department(model: ProcessModel | null): string | null | undefined {
  const task = node(model, 'T');
  return task?.kind === 'userTask' ? task.department : undefined;
}

const owner = (kind: string, text: string) =>
  `<bpmn:${kind}><bpmn:resourceAssignmentExpression><bpmn:formalExpression>${text}</bpmn:formalExpression></bpmn:resourceAssignmentExpression></bpmn:${kind}>`;

describe('who does a task', () => {
  it.each([
    ['camunda:candidateGroups', '<bpmn:userTask id="T" camunda:candidateGroups="规划局"/>'],
    ['flowable:candidateGroups', '<bpmn:userTask id="T" flowable:candidateGroups=" 规划局 "/>'],
    ['activiti:candidateGroups', '<bpmn:userTask id="T" act:candidateGroups="规划局"/>'],
    ['potentialOwner', `<bpmn:userTask id="T">${owner('potentialOwner', 'group(规划局)')}</bpmn:userTask>`],
    ['humanPerformer', `<bpmn:userTask id="T">${owner('humanPerformer', '规划局')}</bpmn:userTask>`],
    [
      'zeebe:assignmentDefinition candidateGroups',
      '<bpmn:userTask id="T"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="规划局"/></bpmn:extensionElements></bpmn:userTask>',
    ],
  ])('takes one department from %s, with a warning saying so', async (source, task) => {
    const { model, diagnostics } = await read(bpmn(around(task)));
    expect(department(model)).toBe('规划局');
    expect(diagnostics).toEqual([
      {
        elementId: 'T',
        code: 'DEPARTMENT_INFERRED',
        severity: 'warning',
        message: expect.stringContaining(`"规划局" was taken from ${source}`),
        params: { source, department: '规划局' },
      },
    ]);
  });

  it('tb:department always wins, without a warning', async () => {
    const task = `<bpmn:userTask id="T" tb:department="住建局" camunda:candidateGroups="a,b">${owner('potentialOwner', 'x')}</bpmn:userTask>`;
    const lanes =
      '<bpmn:laneSet id="LS"><bpmn:lane id="L" name="规划局"><bpmn:flowNodeRef>T</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>';
    const { model, diagnostics } = await read(bpmn(lanes + around(task)));
    expect(department(model)).toBe('住建局');
    expect(diagnostics).toEqual([]);
  });

  it('takes the innermost lane, by its tb:department (silently) or its name (with a warning)', async () => {
    const lanes = (inner: string) => `<bpmn:laneSet id="LS"><bpmn:lane id="Outer" name="住建局">
      <bpmn:flowNodeRef>T</bpmn:flowNodeRef><bpmn:childLaneSet id="CLS"><bpmn:lane id="Inner" ${inner}>
      <bpmn:flowNodeRef>T</bpmn:flowNodeRef></bpmn:lane></bpmn:childLaneSet></bpmn:lane></bpmn:laneSet>`;
    const named = await read(bpmn(lanes('name="消防\n救援支队"') + around('<bpmn:userTask id="T"/>')));
    expect(department(named.model)).toBe('消防 救援支队');
    expect(named.diagnostics).toEqual([
      expect.objectContaining({
        code: 'DEPARTMENT_INFERRED',
        params: { source: 'lane', lane: 'Inner', department: '消防 救援支队' },
      }),
    ]);
    const explicit = await read(
      bpmn(lanes('name="x" tb:department="消防救援支队"') + around('<bpmn:userTask id="T"/>')),
    );
    expect(department(explicit.model)).toBe('消防救援支队');
    expect(explicit.diagnostics).toEqual([]);
  });

  it("a lane's tb:department wins over candidate groups, silently", async () => {
    const lanes =
      '<bpmn:laneSet id="LS"><bpmn:lane id="L" name="x" tb:department="住建局"><bpmn:flowNodeRef>T</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>';
    const { model, diagnostics } = await read(
      bpmn(lanes + around('<bpmn:userTask id="T" camunda:candidateGroups="规划局"/>')),
    );
    expect(department(model)).toBe('住建局');
    expect(diagnostics).toEqual([]);
  });

  it("a task-level group wins over the lane's name", async () => {
    const lanes =
      '<bpmn:laneSet id="LS"><bpmn:lane id="L" name="住建局"><bpmn:flowNodeRef>T</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>';
    const { model } = await read(
      bpmn(lanes + around('<bpmn:userTask id="T" camunda:candidateGroups="规划局"/>')),
    );
    expect(department(model)).toBe('规划局');
  });

  it('several candidate groups: AMBIGUOUS_DEPARTMENT, or the lane when there is one', async () => {
    const task = '<bpmn:userTask id="T" flowable:candidateGroups="规划局, 住建局"/>';
    const alone = await read(bpmn(around(task)));
    expect(alone.diagnostics).toEqual([
      {
        elementId: 'T',
        code: 'AMBIGUOUS_DEPARTMENT',
        severity: 'error',
        message: expect.stringMatching(/2 groups \(规划局, 住建局\).*keep one.*lane/),
        params: { source: 'flowable:candidateGroups', groups: '规划局, 住建局' },
      },
    ]);
    const lanes =
      '<bpmn:laneSet id="LS"><bpmn:lane id="L" name="政务中心"><bpmn:flowNodeRef>T</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>';
    const inLane = await read(bpmn(lanes + around(task)));
    expect(department(inLane.model)).toBe('政务中心');
    expect(inLane.diagnostics).toEqual([
      expect.objectContaining({
        code: 'DEPARTMENT_INFERRED',
        message: expect.stringContaining('several groups'),
      }),
    ]);
  });

  it('MISSING_DEPARTMENT says what the task does name, and proposes a lane of the process', async () => {
    const lanes =
      '<bpmn:laneSet id="LS"><bpmn:lane id="L" name="税务局"><bpmn:flowNodeRef>S</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>';
    const task = '<bpmn:userTask id="T" camunda:assignee="${initiator}" camunda:candidateGroups="${group}"/>';
    const { diagnostics } = await read(bpmn(lanes + around(task)));
    expect(diagnostics).toEqual([
      {
        elementId: 'T',
        code: 'MISSING_DEPARTMENT',
        severity: 'error',
        message: expect.stringMatching(
          /camunda:candidateGroups "\$\{group\}" is decided at run time.*camunda:assignee="\$\{initiator\}" names people.*lanes \(税务局\).*tb:department="税务局"/,
        ),
        params: { type: 'userTask', proposal: '税务局' },
      },
    ]);
    expect(diagnostics[0]?.message).not.toContain('住房和城乡建设局');
  });
});

describe('plain tasks and manual tasks', () => {
  it.each(['task', 'manualTask'])('a %s with a department runs as a user task', async (kind) => {
    const { model, diagnostics } = await read(
      bpmn(around(`<bpmn:${kind} id="T" tb:department="规划局" tb:timeLimit="5"/>`)),
    );
    expect(node(model, 'T')).toMatchObject({ kind: 'userTask', department: '规划局' });
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'TASK_READ_AS_USER_TASK',
        severity: 'warning',
        params: { type: kind, department: '规划局' },
      }),
    ]);
  });

  it('a task without one is MISSING_DEPARTMENT', async () => {
    const { diagnostics } = await read(bpmn(around('<bpmn:task id="T"/>')));
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([['MISSING_DEPARTMENT', 'error']]);
    expect(diagnostics[0]?.message).toContain('task (run as a user task)');
  });
});

describe('service task handlers', () => {
  it.each([
    ['camunda:class="com.example.Notify"', 'camunda:class', 'com.example.Notify'],
    ['camunda:delegateExpression="${notifyDelegate}"', 'camunda:delegateExpression', 'notifyDelegate'],
    ['camunda:expression="${mailer.send(execution)}"', 'camunda:expression', 'mailer.send(execution)'],
    ['camunda:type="external" camunda:topic="notify"', 'camunda:topic', 'notify'],
    ['flowable:class="com.example.Notify"', 'flowable:class', 'com.example.Notify'],
    ['act:delegateExpression="#{notifier}"', 'activiti:delegateExpression', 'notifier'],
    [
      '><bpmn:extensionElements><zeebe:taskDefinition type="notify-applicant" retries="3"/></bpmn:extensionElements></bpmn:serviceTask',
      'zeebe:taskDefinition type',
      'notify-applicant',
    ],
  ])('%s gives the handler name', async (attribute, source, handler) => {
    const task = attribute.startsWith('>')
      ? `<bpmn:serviceTask id="T"${attribute}>`
      : `<bpmn:serviceTask id="T" ${attribute}/>`;
    const { model, diagnostics } = await read(bpmn(around(task)));
    expect(node(model, 'T')).toMatchObject({ kind: 'serviceTask', handler });
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'HANDLER_INFERRED',
        severity: 'warning',
        params: expect.objectContaining({ attribute: source, handler }),
      }),
    ]);
  });

  it('tb:handler wins, silently', async () => {
    const { model, diagnostics } = await read(
      bpmn(around('<bpmn:serviceTask id="T" tb:handler="notify" camunda:class="com.example.Notify"/>')),
    );
    expect(node(model, 'T')).toMatchObject({ handler: 'notify' });
    expect(diagnostics).toEqual([]);
  });

  it('a sendTask with a Java class runs as a service task', async () => {
    const { model } = await read(bpmn(around('<bpmn:sendTask id="T" camunda:class="com.example.Mail"/>')));
    expect(node(model, 'T')).toMatchObject({ kind: 'serviceTask', handler: 'com.example.Mail' });
  });
});

describe('JUEL conditions', () => {
  const gateway = (condition: string) => `<bpmn:startEvent id="S"/><bpmn:userTask id="T" tb:department="A"/>
    <bpmn:exclusiveGateway id="G" default="No"/><bpmn:endEvent id="E1"/><bpmn:endEvent id="E2"/>
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T"/><bpmn:sequenceFlow id="F2" sourceRef="T" targetRef="G"/>
    <bpmn:sequenceFlow id="Yes" sourceRef="G" targetRef="E1"><bpmn:conditionExpression>${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="No" sourceRef="G" targetRef="E2"/>`;

  it('translates the subset to FEEL, with a warning showing both', async () => {
    const { model, diagnostics } = await read(bpmn(gateway("${amount > 1000 &amp;&amp; type == 'A'}")));
    expect(model?.root.flows.Yes?.condition).toBe('amount > 1000 and type = "A"');
    expect(diagnostics).toEqual([
      {
        elementId: 'Yes',
        code: 'JUEL_TRANSLATED',
        severity: 'warning',
        message: expect.stringContaining(
          '${amount > 1000 && type == \'A\'} is JUEL; Tongban runs it as the FEEL condition amount > 1000 and type = "A"',
        ),
        params: { juel: "${amount > 1000 && type == 'A'}", feel: 'amount > 1000 and type = "A"' },
      },
    ]);
  });

  it('refuses the rest, proposing FEEL', async () => {
    const { diagnostics } = await read(bpmn(gateway("${execution.getVariable('approved') == true}")));
    expect(diagnostics).toEqual([
      expect.objectContaining({
        elementId: 'Yes',
        code: 'JUEL_UNSUPPORTED',
        severity: 'error',
        message: expect.stringContaining('JUEL is not supported; write FEEL: approved = true'),
      }),
    ]);
  });
});

describe('会签 over people', () => {
  const loop = (attributes: string, inner = '', task = '') =>
    around(
      `<bpmn:userTask id="T" camunda:assignee="\${assignee}" ${task}><bpmn:multiInstanceLoopCharacteristics ${attributes}>${inner}</bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>`,
    );
  const ratio =
    '<bpmn:completionCondition>${nrOfCompletedInstances/nrOfInstances >= 0.6}</bpmn:completionCondition>';
  const first =
    '<bpmn:loopCardinality>3</bpmn:loopCardinality><bpmn:completionCondition>${nrOfCompletedInstances == 1}</bpmn:completionCondition>';

  it.each([
    [
      'camunda:collection="${assigneeList}" camunda:elementVariable="assignee"',
      '',
      'camunda:collection="${assigneeList}"',
      { decisionMode: 'all' },
    ],
    [
      'flowable:collection="assigneeList"',
      ratio,
      'flowable:collection="assigneeList"',
      { decisionMode: 'vote', passRatio: 0.6 },
    ],
    [
      'isSequential="true" act:collection="${leaders}"',
      '',
      'activiti:collection="${leaders}"',
      { decisionMode: 'sequential' },
    ],
    ['', first, '3 times', { decisionMode: 'any' }],
  ])(
    '%s %s with a known department: one task of it, decided as the loop was',
    async (attributes, inner, what, decision) => {
      const { model, diagnostics } = await read(
        bpmn(loop(attributes, inner, 'camunda:candidateGroups="规划局"')),
      );
      expect(node(model, 'T')).toMatchObject({
        kind: 'userTask',
        department: '规划局',
        multiInstance: null,
        ...decision,
      });
      const people = diagnostics.find((d) => d.code === 'MULTI_INSTANCE_OVER_PEOPLE');
      expect(people).toMatchObject({
        elementId: 'T',
        severity: 'warning',
        params: expect.objectContaining({ department: '规划局' }),
      });
      expect(people?.message).toContain(what);
      expect(people?.message).toContain(`tb:decisionMode="${decision.decisionMode}"`);
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    },
  );

  it('without a department: an error pointing at tb:decisionMode and tb:handlers', async () => {
    const { diagnostics } = await read(bpmn(loop('flowable:collection="assigneeList"', ratio)));
    const people = diagnostics.find((d) => d.code === 'MULTI_INSTANCE_OVER_PEOPLE');
    expect(people).toMatchObject({ elementId: 'T', severity: 'error' });
    expect(people?.message).toMatch(
      /flowable:collection="assigneeList".*tb:decisionMode="vote" tb:passRatio="0.6".*tb:handlers/,
    );
  });

  it('a completion condition of another shape is an error unless tb:decisionMode says how to decide', async () => {
    const odd = '<bpmn:completionCondition>${approvals > 2}</bpmn:completionCondition>';
    const refused = await read(
      bpmn(loop('camunda:collection="${users}"', odd, 'camunda:candidateGroups="规划局"')),
    );
    expect(refused.diagnostics.find((d) => d.code === 'MULTI_INSTANCE_OVER_PEOPLE')?.severity).toBe('error');
    const said = await read(
      bpmn(
        loop('camunda:collection="${users}"', odd, 'camunda:candidateGroups="规划局" tb:decisionMode="any"'),
      ),
    );
    expect(node(said.model, 'T')).toMatchObject({ decisionMode: 'any' });
    expect(said.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('timers written as expressions', () => {
  it('BAD_TIMER explains the supported forms', async () => {
    const node =
      '<bpmn:intermediateCatchEvent id="T"><bpmn:timerEventDefinition><bpmn:timeDuration>${reviewPeriod}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>';
    const { diagnostics } = await read(bpmn(around(node)));
    expect(diagnostics).toEqual([
      {
        elementId: 'T',
        code: 'BAD_TIMER',
        severity: 'error',
        message: expect.stringMatching(/evaluate at run time.*P3D.*tb:timeLimit.*message/),
        params: { type: 'duration', value: '${reviewPeriod}' },
      },
    ]);
  });
});

describe('a host that parsed with a vendor descriptor (bpmn-js with camunda-bpmn-moddle)', () => {
  it('reads the typed vendor properties the same way', async () => {
    const camunda = {
      name: 'Camunda',
      prefix: 'camunda',
      uri: 'http://camunda.org/schema/1.0/bpmn',
      xml: { tagAlias: 'lowerCase' },
      associations: [],
      enumerations: [],
      types: [
        {
          name: 'Assignable',
          isAbstract: true,
          extends: ['bpmn:UserTask'],
          properties: [{ name: 'candidateGroups', isAttr: true, type: 'String' }],
        },
      ],
    };
    const moddle = BpmnModdle({ tb: tbModdleDescriptor, camunda });
    const parsed = await moddle.fromXML(
      bpmn(around('<bpmn:userTask id="T" camunda:candidateGroups="规划局"/>')),
    );
    expect(parsed.elementsById.T?.$attrs['camunda:candidateGroups']).toBeUndefined();
    const { model, diagnostics } = importDefinitions({
      definitions: parsed.rootElement,
      warnings: parsed.warnings,
    });
    expect(department(model)).toBe('规划局');
    expect(diagnostics.map((d) => d.code)).toEqual(['DEPARTMENT_INFERRED']);
  });
});
