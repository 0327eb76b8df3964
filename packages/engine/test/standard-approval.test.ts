// biome-ignore-all lint/suspicious/noTemplateCurlyInString: JUEL conditions are written ${…}, in strings.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CompiledDefinition } from '../src/compile/index.js';
import type { JsonValue } from '../src/model/json.js';
import type { CaseSnapshot } from '../src/model/snapshot.js';
import { step } from '../src/runtime/step.js';
import type { Command } from '../src/runtime/types.js';
import { compileBpmn } from '../src/validate.js';

/**
 * The "done when" bar of issue 21: a typical Camunda 7 and a typical Flowable approval model
 * (candidate groups or lanes, JUEL conditions, parallel gateways, Java delegates) compile with
 * warnings only, and run: the departments and conditions read from vendor attributes route a case.
 */
const model = (file: string) => readFileSync(new URL(`./standard-bpmn/${file}`, import.meta.url), 'utf8');
const T0 = Date.UTC(2026, 2, 2, 1, 0);

async function definition(file: string): Promise<CompiledDefinition> {
  const compiled = await compileBpmn(model(file));
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (!compiled.ok) throw new Error(`${file} does not compile`);
  return compiled.definition;
}

/** Drives one case; the snapshot goes through JSON between commands, as a store keeps it. */
class Case {
  private snapshot: CaseSnapshot | null = null;
  private at = T0;
  constructor(private readonly def: CompiledDefinition) {}

  send(command: Command): void {
    this.at += 60_000;
    const result = step(this.def, this.snapshot, command, this.at);
    if (!result.ok) throw result.error;
    this.snapshot = JSON.parse(JSON.stringify(result.snapshot)) as CaseSnapshot;
  }

  open(): string[] {
    return Object.values(this.snapshot?.machine.context.tasks ?? {})
      .map((task) => `${task.elementId}@${task.department ?? ''}`)
      .sort();
  }

  complete(elementId: string, variables: Record<string, JsonValue> = {}): void {
    const task = Object.values(this.snapshot?.machine.context.tasks ?? {}).find(
      (t) => t.elementId === elementId,
    );
    if (task === undefined) throw new Error(`no open ${elementId}; open: ${this.open().join(', ')}`);
    this.send({ type: 'completeTask', taskId: task.id, department: task.department ?? '', variables });
  }
}

describe('a typical Camunda approval model', () => {
  it('compiles with warnings only, saying what it took from which camunda: attribute', async () => {
    const compiled = await compileBpmn(model('camunda-approval.bpmn'));
    expect(compiled.ok).toBe(true);
    expect(compiled.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
    const codes = new Set(compiled.diagnostics.map((d) => d.code));
    expect([...codes].sort()).toEqual(['DEPARTMENT_INFERRED', 'HANDLER_INFERRED', 'JUEL_TRANSLATED']);
  });

  it('routes a case by its translated JUEL conditions to the candidate groups in parallel', async () => {
    const run = new Case(await definition('camunda-approval.bpmn'));
    run.send({ type: 'start', caseId: 'c1', variables: {} });
    expect(run.open()).toEqual(['Task_accept@政务服务中心']);
    run.complete('Task_accept', { materialsComplete: true });
    expect(run.open()).toEqual(['Task_fire@消防救援支队', 'Task_plan@自然资源和规划局']);
  });

  it('takes ${!materialsComplete} when the materials are incomplete', async () => {
    const run = new Case(await definition('camunda-approval.bpmn'));
    run.send({ type: 'start', caseId: 'c2', variables: {} });
    run.complete('Task_accept', { materialsComplete: false });
    // The service task waits for its host handler (taken from camunda:class).
    expect(run.open()).toEqual(['Task_notify_reject@']);
  });
});

describe('a typical Flowable approval model', () => {
  it('compiles with warnings only, saying what it took from lanes and flowable: attributes', async () => {
    const compiled = await compileBpmn(model('flowable-approval.bpmn20.xml'));
    expect(compiled.ok).toBe(true);
    expect(compiled.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
    expect(
      compiled.diagnostics.map((d) => d.params?.source ?? d.params?.attribute ?? d.params?.juel),
    ).toEqual([
      'flowable:candidateGroups',
      'lane',
      'flowable:candidateGroups',
      'flowable:delegateExpression',
      'flowable:class',
      "${outcome == 'accept'}",
      "${outcome ne 'accept'}",
    ]);
  });

  it('routes a case through the lanes and the parallel review', async () => {
    const run = new Case(await definition('flowable-approval.bpmn20.xml'));
    run.send({ type: 'start', caseId: 'c3', variables: {} });
    expect(run.open()).toEqual(['accept@政务服务中心']);
    run.complete('accept', { outcome: 'accept' });
    expect(run.open()).toEqual(['register@市场监督管理局', 'taxReview@税务局']);
  });
});

describe('会签 over people in a lane (the Chinese OA idiom)', () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flowable="http://flowable.org/bpmn"
  targetNamespace="https://tongban.dev/test">
  <process id="countersign" isExecutable="true">
    <laneSet id="ls"><lane id="lane_plan" name="自然资源和规划局"><flowNodeRef>review</flowNodeRef></lane></laneSet>
    <startEvent id="start"/>
    <userTask id="review" name="联合审查" flowable:assignee="\${assignee}">
      <multiInstanceLoopCharacteristics isSequential="false" flowable:collection="\${assigneeList}" flowable:elementVariable="assignee">
        <completionCondition>\${nrOfCompletedInstances/nrOfInstances >= 0.5}</completionCondition>
      </multiInstanceLoopCharacteristics>
    </userTask>
    <endEvent id="end"/>
    <sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
    <sequenceFlow id="f2" sourceRef="review" targetRef="end"/>
  </process>
</definitions>`;

  it('compiles with warnings only, as one task of the lane decided by vote (票签)', async () => {
    const compiled = await compileBpmn(xml);
    expect(compiled.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['DEPARTMENT_INFERRED', 'warning'],
      ['MULTI_INSTANCE_OVER_PEOPLE', 'warning'],
    ]);
    if (!compiled.ok) throw new Error('does not compile');
    const run = new Case(compiled.definition);
    run.send({ type: 'start', caseId: 'c4', variables: {} });
    expect(run.open()).toEqual(['review@自然资源和规划局']);
  });
});
