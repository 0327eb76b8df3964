import { readdirSync, readFileSync } from 'node:fs';
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import { describe, expect, it } from 'vitest';
import type { FlowNode, ProcessModel, Scope } from '../model/process.js';
import { validateBpmn } from '../validate.js';
import { importBpmn, tbModdleDescriptor } from './index.js';
import { modelProblems } from './ir-invariants.js';

const FIXTURES = new URL('../../test/fixtures/', import.meta.url);
const NAMES = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.bpmn'))
  .map((name) => name.replace(/\.bpmn$/, ''));

async function load(name: string): Promise<ProcessModel> {
  const result = await importBpmn(readFileSync(new URL(`${name}.bpmn`, FIXTURES), 'utf8'));
  expect(result.diagnostics).toEqual([]);
  expect(result.model).not.toBeNull();
  const model = result.model!;
  expect(modelProblems(model)).toEqual([]);
  expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  return model;
}

function node(scope: Scope, id: string): FlowNode {
  const found = scope.nodes[id];
  if (found === undefined) throw new Error(`no node ${id}`);
  return found;
}

/** `source→target` of every flow, in document order. */
function edges(scope: Scope): string[] {
  return Object.values(scope.flows).map((flow) => `${flow.source}→${flow.target}`);
}

describe('fixtures import into the IR', () => {
  it('sequence with a lead task, and the matter', async () => {
    const model = await load('sequence-lead-task');
    expect(model.id).toBe('SequenceLeadTask');
    expect(model.name).toBe('个体工商户登记');
    expect(model.matter).toEqual({
      code: '11440300MB2C92052X4000111013000',
      name: '个体工商户设立登记',
      kind: 'promised',
      legalLimit: { amount: 15, unit: 'workingDays' },
      promisedLimit: { amount: 3, unit: 'workingDays' },
      warning: { kind: 'share', share: 0.2 },
      extensionCap: 10,
      calendar: null,
    });
    expect(edges(model.root)).toEqual(['Start→Accept', 'Accept→End']);
    expect(node(model.root, 'Accept')).toEqual({
      id: 'Accept',
      name: '受理审核',
      kind: 'userTask',
      incoming: ['Flow_1'],
      outgoing: ['Flow_2'],
      department: '市场监督管理局',
      role: 'lead',
      limit: { amount: 8, unit: 'hours' },
      warning: { kind: 'absolute', amount: 2, unit: 'hours' },
      multiInstance: null,
      boundaries: [],
    });
    expect(node(model.root, 'End')).toMatchObject({ kind: 'endEvent', variant: 'none', errorCode: null });
  });

  it('exclusive split/merge with conditions and a default', async () => {
    const { root } = await load('exclusive-gateway');
    expect(node(root, 'Decide')).toMatchObject({
      kind: 'gateway',
      gatewayType: 'exclusive',
      defaultFlow: 'Flow_Other',
      outgoing: ['Flow_Approve', 'Flow_Deny', 'Flow_Other'],
    });
    expect(root.flows.Flow_Approve).toEqual({
      id: 'Flow_Approve',
      name: '准予',
      source: 'Decide',
      target: 'Approve',
      condition: '=outcome = "approve"',
    });
    expect(root.flows.Flow_Deny?.condition).toBe('outcome = "deny"');
    expect(root.flows.Flow_Other?.condition).toBeNull();
    expect(node(root, 'Merge')).toMatchObject({
      gatewayType: 'exclusive',
      incoming: ['Flow_3', 'Flow_4', 'Flow_5'],
    });
    expect(node(root, 'Review')).toMatchObject({ role: 'lead', department: '住房和城乡建设局' });
  });

  it('inclusive split/merge', async () => {
    const { root } = await load('inclusive-gateway');
    expect(node(root, 'Split')).toMatchObject({ gatewayType: 'inclusive', defaultFlow: 'Flow_Planning' });
    expect(node(root, 'Join')).toMatchObject({
      gatewayType: 'inclusive',
      incoming: ['Flow_2', 'Flow_3', 'Flow_4'],
    });
    expect(root.flows.Flow_AirDefence?.condition).toBe('hasBasement and area > 5000');
    expect(node(root, 'Fire')).toMatchObject({ role: 'co', limit: { amount: 5, unit: 'workingDays' } });
  });

  it('nested parallel fork/join', async () => {
    const { root } = await load('nested-parallel');
    const parallel = Object.values(root.nodes).filter(
      (n) => n.kind === 'gateway' && n.gatewayType === 'parallel',
    );
    expect(parallel.map((n) => n.id)).toEqual(['Fork', 'InnerFork', 'InnerJoin', 'Join']);
    expect(node(root, 'Fork').outgoing.map((id) => root.flows[id]?.target)).toEqual([
      'LeadReview',
      'InnerFork',
    ]);
    expect(node(root, 'Join').incoming.map((id) => root.flows[id]?.source)).toEqual([
      'InnerJoin',
      'LeadReview',
    ]);
  });

  it('loop back (退回) through an exclusive gateway', async () => {
    const { root } = await load('loop-back');
    expect(root.flows.Flow_SendBack).toMatchObject({
      source: 'Decide',
      target: 'Again',
      condition: 'outcome = "return"',
    });
    expect(node(root, 'Again').incoming).toEqual(['Flow_1', 'Flow_SendBack']);
  });

  it('embedded subprocess with its own scope', async () => {
    const { root } = await load('subprocess');
    const sub = node(root, 'Review');
    if (sub.kind !== 'subProcess') throw new Error('not a subprocess');
    expect(sub.scope.id).toBe('Review');
    expect(edges(sub.scope)).toEqual(['Review_Start→Review_Check', 'Review_Check→Review_End']);
    expect(Object.keys(root.nodes)).toEqual(['Start', 'Review', 'End']);
    expect(sub).toMatchObject({ incoming: ['Flow_1'], outgoing: ['Flow_2'], boundaries: [] });
  });

  it('service tasks: tb:handler, or the standard implementation attribute', async () => {
    const { root } = await load('service-task');
    expect(node(root, 'Notify')).toMatchObject({
      kind: 'serviceTask',
      handler: 'notifyApplicant',
      boundaries: [],
    });
    expect(node(root, 'Archive')).toMatchObject({ kind: 'serviceTask', handler: 'archiveCase' });
  });

  it('multi-instance co-handling over a collection and over fixed departments', async () => {
    const { root } = await load('multi-instance');
    expect(node(root, 'CoReview')).toMatchObject({
      department: null,
      role: 'co',
      limit: { amount: 7, unit: 'workingDays' },
      warning: { kind: 'absolute', amount: 1, unit: 'workingDays' },
      multiInstance: {
        departments: [],
        collection: 'coDepartments',
        completionCondition: 'nrOfRejected > 0',
      },
    });
    expect(node(root, 'FixedReview')).toMatchObject({
      multiInstance: {
        departments: ['自然资源和规划局', '消防救援支队', '人民防空办公室'],
        collection: null,
        completionCondition: null,
      },
    });
  });

  it('boundary timers, interrupting on working days and non-interrupting', async () => {
    const { root } = await load('boundary-timers');
    expect(node(root, 'Review')).toMatchObject({ boundaries: ['Overdue', 'Remind'] });
    expect(node(root, 'Overdue')).toMatchObject({
      kind: 'boundaryEvent',
      attachedTo: 'Review',
      cancelActivity: true,
      trigger: { type: 'timer', timer: { type: 'duration', value: 'P5D', calendar: 'CN' } },
      outgoing: ['Flow_3'],
      incoming: [],
    });
    expect(node(root, 'Remind')).toMatchObject({
      cancelActivity: false,
      trigger: { type: 'timer', timer: { type: 'duration', value: 'P3D', calendar: null } },
    });
  });

  it('intermediate timer catch events', async () => {
    const { root } = await load('timer-catch');
    expect(node(root, 'Publicity')).toMatchObject({
      kind: 'timerCatch',
      timer: { type: 'duration', value: 'P5D', calendar: 'CN' },
    });
    expect(node(root, 'Until')).toMatchObject({
      kind: 'timerCatch',
      timer: { type: 'date', value: '2026-03-02T09:00:00+08:00', calendar: null },
    });
  });

  it('message catch and message boundaries (补正材料), with the message table', async () => {
    const model = await load('message-events');
    expect(model.messages).toEqual({ Message_Supplement: '补正材料', Message_Withdraw: '撤回申请' });
    expect(node(model.root, 'WaitSupplement')).toMatchObject({ kind: 'messageCatch', message: '补正材料' });
    expect(node(model.root, 'Withdrawn')).toMatchObject({
      cancelActivity: true,
      trigger: { type: 'message', message: '撤回申请' },
    });
    expect(node(model.root, 'MoreMaterial')).toMatchObject({
      cancelActivity: false,
      trigger: { type: 'message', message: '补正材料' },
    });
    expect(node(model.root, 'Review')).toMatchObject({ boundaries: ['Withdrawn', 'MoreMaterial'] });
  });

  it('terminate end, error end and an error boundary on a subprocess', async () => {
    const { root } = await load('end-events');
    const verify = node(root, 'Verify');
    if (verify.kind !== 'subProcess') throw new Error('not a subprocess');
    expect(verify.boundaries).toEqual(['Incomplete']);
    expect(node(verify.scope, 'Verify_Fail')).toMatchObject({
      variant: 'error',
      errorCode: 'MATERIALS_INCOMPLETE',
    });
    expect(node(root, 'Incomplete')).toMatchObject({
      attachedTo: 'Verify',
      cancelActivity: true,
      trigger: { type: 'error', errorCode: 'MATERIALS_INCOMPLETE' },
    });
    expect(node(root, 'Terminated')).toMatchObject({
      kind: 'endEvent',
      variant: 'terminate',
      errorCode: null,
    });
  });

  it('工程建设项目施工许可: lead accepts, four parallel reviews, decision that can send it back', async () => {
    const model = await load('construction-permit');
    expect(model.matter).toEqual({
      code: '000172007000',
      name: '建筑工程施工许可证核发',
      kind: 'promised',
      legalLimit: { amount: 20, unit: 'workingDays' },
      promisedLimit: { amount: 20, unit: 'workingDays' },
      warning: { kind: 'absolute', amount: 1, unit: 'workingDays' },
      extensionCap: 15,
      calendar: 'CN',
    });
    const { root } = model;
    const tasks = Object.values(root.nodes).flatMap((n) => (n.kind === 'userTask' ? [n] : []));
    expect(tasks.map((t) => [t.id, t.department, t.role])).toEqual([
      ['Accept', '住房和城乡建设局', 'lead'],
      ['LeadReview', '住房和城乡建设局', 'lead'],
      ['PlanningReview', '自然资源和规划局', 'co'],
      ['FireReview', '消防救援支队', 'co'],
      ['AirDefenceReview', '人民防空办公室', 'co'],
      ['Decide', '住房和城乡建设局', 'lead'],
    ]);
    expect(node(root, 'Fork').outgoing).toHaveLength(4);
    expect(node(root, 'Join').incoming).toHaveLength(4);
    expect(root.flows.Flow_SendBack).toMatchObject({ source: 'Outcome', target: 'ReviewAgain' });
    expect(node(root, 'Outcome')).toMatchObject({ gatewayType: 'exclusive', defaultFlow: 'Flow_Approve' });
  });
});

describe('fixtures go through the whole pipeline', () => {
  it.each(NAMES)('%s compiles with no diagnostic', async (name) => {
    const result = await validateBpmn(readFileSync(new URL(`${name}.bpmn`, FIXTURES), 'utf8'));
    expect(result).toEqual({ ok: true, diagnostics: [] });
  });
});

function flowElementIds(container: ModdleElement): string[] {
  const elements = (container.get('flowElements') ?? []) as ModdleElement[];
  return elements.flatMap((element) => [String(element.get('id')), ...flowElementIds(element)]);
}

describe('fixtures open in the designer', () => {
  it.each(NAMES)('%s has a shape or edge for every flow element, and parses cleanly', async (name) => {
    const moddle = BpmnModdle({ tb: tbModdleDescriptor });
    const parsed = await moddle.fromXML(readFileSync(new URL(`${name}.bpmn`, FIXTURES), 'utf8'));
    expect(parsed.warnings).toEqual([]);
    const roots = parsed.rootElement.get('rootElements') as ModdleElement[];
    const process = roots.find((root) => root.$type === 'bpmn:Process');
    const [diagram] = parsed.rootElement.get('diagrams') as ModdleElement[];
    const plane = diagram?.get('plane') as ModdleElement | undefined;
    const drawn = ((plane?.get('planeElement') ?? []) as ModdleElement[]).map((di) =>
      String((di.get('bpmnElement') as ModdleElement | undefined)?.get('id')),
    );
    expect(process).toBeDefined();
    expect(drawn.sort()).toEqual(flowElementIds(process!).sort());
  });
});
