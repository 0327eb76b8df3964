import type { ModdleElement } from 'bpmn-moddle';
import type { FlowNode, GatewayNode, GatewayType, Scope, SequenceFlow } from '../model/process.js';
import {
  readBoundaryEvent,
  readEndEvent,
  readIntermediateCatch,
  readIntermediateThrow,
  readStartEvent,
} from './events.js';
import { sequenceFlowIds } from './flow-ids.js';
import { type ImportContext, readReference } from './import-context.js';
import { IMPORT_LIMITS } from './limits.js';
import { elementId, readElement, readList, readText } from './moddle-read.js';
import type { NodeDraft } from './node-base.js';
import { checkReachability } from './reachability.js';
import { HANDLER_ATTRIBUTES } from './standard/handler.js';
import { readFirstVendorAttribute, readZeebeExtension } from './standard/vendor.js';
import { readConditionBody, readServiceTask, readUserTask } from './tasks.js';
import { checkTbAttributes } from './tb-attribute-check.js';
import { elementAdvice, withArticle, xmlName } from './unsupported.js';

/** Flow elements that carry data, not control: they do not affect the flow, so they are skipped. */
const DATA_ELEMENTS = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);

const GATEWAY_TYPES: Readonly<Record<string, GatewayType>> = {
  'bpmn:ExclusiveGateway': 'exclusive',
  'bpmn:InclusiveGateway': 'inclusive',
  'bpmn:ParallelGateway': 'parallel',
};

const HOSTS = new Set<FlowNode['kind']>(['userTask', 'serviceTask', 'subProcess']);

interface ScopeState {
  readonly scopeId: string;
  readonly context: ImportContext;
  /** The scope's flow node elements with their ids (refused ones included). */
  readonly members: Map<ModdleElement, string>;
  readonly drafts: Map<string, NodeDraft>;
  readonly boundaries: Map<string, string[]>;
  readonly nodes: Record<string, FlowNode>;
  readonly flows: Record<string, SequenceFlow>;
  readonly edges: Map<string, string[]>;
  /** Source node id of every sequence flow as drawn, including flows left out of the IR. */
  readonly flowSources: Map<string, string | null>;
}

function boundariesOf(state: ScopeState, hostId: string): string[] {
  const list = state.boundaries.get(hostId) ?? [];
  state.boundaries.set(hostId, list);
  return list;
}

/** How many subprocesses `element` is inside of, itself included. */
function subprocessDepth(element: ModdleElement): number {
  let depth = 0;
  for (let at: ModdleElement | undefined = element; at !== undefined; at = at.$parent) {
    if (at.$type === 'bpmn:SubProcess') depth += 1;
  }
  return depth;
}

function readSubProcess(element: ModdleElement, draft: NodeDraft, state: ScopeState): FlowNode | null {
  const { sink } = state.context;
  if (element.get('triggeredByEvent') === true) {
    sink.error(
      draft.id,
      'UNSUPPORTED_ELEMENT',
      'An event subprocess is not supported: attach boundary events to an embedded subProcess (or task) instead.',
    );
    return null;
  }
  if (readElement(element, 'loopCharacteristics') !== null) {
    sink.error(
      draft.id,
      'UNSUPPORTED_ELEMENT',
      'A looping or multi-instance subprocess is not supported: use a multi-instance user task over departments.',
    );
    return null;
  }
  const depth = subprocessDepth(element);
  if (depth > IMPORT_LIMITS.subprocessDepth) {
    // Refused with what it holds: each level costs the compiler and xstate stack and time.
    sink.error(
      draft.id,
      'LIMIT_EXCEEDED',
      `This subprocess is nested ${depth} deep; Tongban allows subprocesses nested at most ${IMPORT_LIMITS.subprocessDepth} deep. Flatten the model.`,
    );
    return null;
  }
  const scope = readScope(element, draft.id, state.context);
  return { ...draft, kind: 'subProcess', scope, boundaries: boundariesOf(state, draft.id) };
}

function readGateway(element: ModdleElement, draft: NodeDraft, gatewayType: GatewayType): GatewayNode {
  const defaultFlow = readElement(element, 'default');
  return {
    ...draft,
    kind: 'gateway',
    gatewayType,
    defaultFlow: defaultFlow === null ? null : elementId(defaultFlow),
  };
}

function readNode(element: ModdleElement, draft: NodeDraft, state: ScopeState): FlowNode | null {
  const { context } = state;
  if (element.get('isForCompensation') === true) {
    context.sink.error(
      draft.id,
      'UNSUPPORTED_ELEMENT',
      'A compensation handler is not supported: model the undo steps as explicit tasks.',
    );
    return null;
  }
  const gatewayType = GATEWAY_TYPES[element.$type];
  if (gatewayType !== undefined) return readGateway(element, draft, gatewayType);
  switch (element.$type) {
    case 'bpmn:StartEvent':
      return readStartEvent(element, draft, context);
    case 'bpmn:EndEvent':
      return readEndEvent(element, draft, context);
    case 'bpmn:IntermediateCatchEvent':
      return readIntermediateCatch(element, draft, context);
    case 'bpmn:IntermediateThrowEvent':
      return readIntermediateThrow(element, draft, context);
    case 'bpmn:BoundaryEvent':
      return readBoundaryEvent(element, draft, context);
    case 'bpmn:UserTask':
    // What bpmn.io draws by default, and a manual task: work someone does, so a user task of the
    // department the lane or assignment names (TASK_READ_AS_USER_TASK says so).
    case 'bpmn:Task':
    case 'bpmn:ManualTask':
      return readUserTask(element, draft, boundariesOf(state, draft.id), context);
    case 'bpmn:ServiceTask':
      return readServiceTask(element, draft, boundariesOf(state, draft.id), context);
    case 'bpmn:SendTask':
    case 'bpmn:BusinessRuleTask':
      // Camunda/Flowable give these a Java class or expression (Camunda 8 a job type) like a service
      // task's: run as one.
      if (
        readText(element, 'tb:handler') !== null ||
        readFirstVendorAttribute(element, HANDLER_ATTRIBUTES) !== null ||
        readZeebeExtension(element, 'taskDefinition', 'type') !== null
      ) {
        return readServiceTask(element, draft, boundariesOf(state, draft.id), context);
      }
      return unsupported(element, draft, context);
    case 'bpmn:SubProcess':
      return readSubProcess(element, draft, state);
    default:
      return unsupported(element, draft, context);
  }
}

function unsupported(element: ModdleElement, draft: NodeDraft, context: ImportContext): null {
  context.sink.error(
    draft.id,
    'UNSUPPORTED_ELEMENT',
    `${withArticle(xmlName(element.$type))} is not supported: ${elementAdvice(element.$type)}.`,
  );
  return null;
}

/** Resolves one end of a sequence flow to a node id of this scope, reporting why it cannot. */
function flowEnd(
  flow: ModdleElement,
  flowId: string,
  end: 'source' | 'target',
  state: ScopeState,
): string | null {
  const code = end === 'source' ? 'MISSING_SOURCE' : 'MISSING_TARGET';
  const reference = readReference(state.context, flow, `${end}Ref`);
  if (reference.element === null) {
    const problem =
      reference.dangling === null
        ? `has no ${end}Ref`
        : `has ${end}Ref "${reference.dangling}", which does not exist`;
    state.context.sink.error(flowId, code, `The sequence flow ${problem}; connect both of its ends.`);
    return null;
  }
  const id = state.members.get(reference.element);
  if (id === undefined) {
    const other = elementId(reference.element) ?? xmlName(reference.element.$type);
    state.context.sink.error(
      flowId,
      code,
      `The sequence flow's ${end} "${other}" is not a flow node of the same (sub)process; sequence flows cannot cross a subprocess border or end at data.`,
    );
    return null;
  }
  return id;
}

function addEdge(state: ScopeState, from: string, to: string): void {
  const targets = state.edges.get(from);
  if (targets === undefined) state.edges.set(from, [to]);
  else targets.push(to);
}

function readFlow(flow: ModdleElement, id: string, state: ScopeState): void {
  checkTbAttributes(flow, id, state.context);
  const source = flowEnd(flow, id, 'source', state);
  state.flowSources.set(id, source);
  const target = flowEnd(flow, id, 'target', state);
  const condition = readConditionBody(
    readElement(flow, 'conditionExpression'),
    id,
    'condition',
    state.context,
  );
  if (source === null || target === null) return;
  addEdge(state, source, target);
  const from = state.drafts.get(source);
  const to = state.drafts.get(target);
  if (state.nodes[source] === undefined || state.nodes[target] === undefined || !from || !to) return;
  state.flows[id] = { id, name: readText(flow, 'name'), source, target, condition };
  from.outgoing.push(id);
  to.incoming.push(id);
}

/** Boundary events need a task or subprocess of the same scope to sit on. */
function attachBoundaries(state: ScopeState): void {
  for (const node of Object.values(state.nodes)) {
    if (node.kind !== 'boundaryEvent') continue;
    const host = state.nodes[node.attachedTo];
    if (host !== undefined && HOSTS.has(host.kind)) {
      boundariesOf(state, host.id).push(node.id);
      continue;
    }
    delete state.nodes[node.id];
    // A host of this scope that was refused already has its error; the boundary goes with it, and
    // says so: no element leaves the model without an error naming it.
    const hostInScope = [...state.members.values()].includes(node.attachedTo);
    state.context.sink.error(
      node.id,
      'BAD_BOUNDARY',
      host === undefined
        ? hostInScope
          ? `The boundary event sits on "${node.attachedTo}", which was refused (see its error), so it is left out too.`
          : `The boundary event sits on "${node.attachedTo}", which is not in the same (sub)process.`
        : `A boundary event can sit on a user task, service task or subprocess, not on ${withArticle(host.kind)}.`,
    );
  }
}

function checkFlowRules(state: ScopeState): void {
  const { sink } = state.context;
  for (const flow of Object.values(state.flows)) {
    const source = state.nodes[flow.source];
    const target = state.nodes[flow.target];
    if (target?.kind === 'boundaryEvent') {
      sink.error(
        target.id,
        'BAD_BOUNDARY',
        `A boundary event cannot have incoming flows (it has "${flow.id}").`,
      );
    }
    if (flow.condition === null || source === undefined) continue;
    if (source.kind === 'gateway' && source.gatewayType !== 'parallel') continue;
    const instead =
      source.kind === 'gateway'
        ? 'a parallel gateway takes every branch; use an inclusive gateway for conditional branches'
        : `put an exclusive gateway after "${source.id}" and move the condition onto its outgoing flow`;
    sink.error(
      flow.id,
      'UNSUPPORTED_ELEMENT',
      `A conditional flow out of ${withArticle(source.kind)} is not supported: ${instead}.`,
    );
  }
}

/**
 * Out of an exclusive split, a flow without a condition would be taken whenever it is tried, so
 * the order of the flows would decide: every flow but the default needs a condition. (Out of an
 * inclusive split an unconditional flow is simply always taken.)
 */
function checkMissingConditions(state: ScopeState): void {
  for (const node of Object.values(state.nodes)) {
    if (node.kind !== 'gateway' || node.gatewayType !== 'exclusive' || node.outgoing.length < 2) continue;
    for (const flowId of node.outgoing) {
      if (flowId === node.defaultFlow || state.flows[flowId]?.condition != null) continue;
      state.context.sink.error(
        flowId,
        'MISSING_CONDITION',
        `This flow leaves the exclusive gateway "${node.name ?? node.id}" without a condition and is not its default: give it a condition (e.g. outcome = "approve") or make it the gateway's default flow.`,
      );
    }
  }
}

function checkDefaultFlows(state: ScopeState, elements: readonly ModdleElement[]): void {
  const { sink } = state.context;
  for (const element of elements) {
    const id = state.members.get(element);
    const reference = readReference(state.context, element, 'default');
    const node = id === undefined ? undefined : state.nodes[id];
    if (id === undefined || node === undefined) continue;
    // A parallel gateway has no `default` in the metamodel, so moddle leaves it in $attrs.
    const flowId =
      reference.element === null
        ? (reference.dangling ?? element.$attrs.default ?? null)
        : elementId(reference.element);
    if (flowId === null) continue;
    const problem = defaultFlowProblem(state, node, flowId);
    if (problem !== null) sink.error(problem.elementId, 'BAD_DEFAULT_FLOW', problem.message);
    // Keep the IR closed: a default flow that is wrong or was left out (its target was refused) is dropped.
    if (node.kind === 'gateway' && (problem !== null || state.flows[flowId] === undefined)) {
      state.nodes[node.id] = { ...node, defaultFlow: null };
    }
  }
}

function defaultFlowProblem(
  state: ScopeState,
  node: FlowNode,
  flowId: string,
): { readonly elementId: string; readonly message: string } | null {
  if (node.kind !== 'gateway' || node.gatewayType === 'parallel') {
    return {
      elementId: node.id,
      message: `Only exclusive and inclusive gateways have a default flow; remove default="${flowId}" or put a gateway here.`,
    };
  }
  if (state.flowSources.get(flowId) !== node.id) {
    return {
      elementId: node.id,
      message: `The default flow "${flowId}" is not an outgoing flow of this gateway.`,
    };
  }
  if (state.flows[flowId]?.condition != null) {
    return {
      elementId: flowId,
      message: `The gateway's default flow has a condition, but a default flow is the one taken when no condition holds: remove its condition.`,
    };
  }
  return null;
}

/** Reads a process or embedded subprocess body into a {@link Scope}. */
export function readScope(container: ModdleElement, scopeId: string, context: ImportContext): Scope {
  const flowElements = readList(container, 'flowElements').filter(
    (element) => !DATA_ELEMENTS.has(element.$type),
  );
  const sequenceFlows = flowElements.filter((element) => element.$type === 'bpmn:SequenceFlow');
  const nodeElements = flowElements.filter((element) => element.$type !== 'bpmn:SequenceFlow');
  const state: ScopeState = {
    scopeId,
    context,
    members: new Map(),
    drafts: new Map(),
    boundaries: new Map(),
    nodes: {},
    flows: {},
    edges: new Map(),
    flowSources: new Map(),
  };
  for (const element of nodeElements) {
    const id = elementId(element);
    if (id === null) {
      context.sink.error(
        scopeId,
        'UNSUPPORTED_ELEMENT',
        `${withArticle(xmlName(element.$type))} here has no id; give it one.`,
      );
      continue;
    }
    state.members.set(element, id);
    checkTbAttributes(element, id, context);
    for (const definition of readList(element, 'eventDefinitions'))
      checkTbAttributes(definition, id, context);
    const draft: NodeDraft = { id, name: readText(element, 'name'), outgoing: [], incoming: [] };
    state.drafts.set(id, draft);
    const node = readNode(element, draft, state);
    if (node !== null) state.nodes[id] = node;
    const host = element.$type === 'bpmn:BoundaryEvent' ? readElement(element, 'attachedToRef') : null;
    const hostId = host === null ? null : elementId(host);
    if (hostId !== null) addEdge(state, hostId, id);
  }
  attachBoundaries(state);
  const flowIds = sequenceFlowIds(sequenceFlows, new Set(state.members.values()));
  sequenceFlows.forEach((flow, index) => {
    readFlow(flow, flowIds[index] ?? '', state);
  });
  checkFlowRules(state);
  checkMissingConditions(state);
  checkDefaultFlows(state, nodeElements);
  const starts = nodeElements.filter((element) => element.$type === 'bpmn:StartEvent');
  const idsOf = (elements: readonly ModdleElement[]) =>
    elements.flatMap((element) => state.members.get(element) ?? []);
  checkReachability(
    {
      scopeId,
      // Refused nodes already have an error; an event subprocess or compensation handler has no
      // incoming flow by design, so "unreachable" would only add noise.
      nodeIds: [...state.members.values()].filter((id) => state.nodes[id] !== undefined),
      startIds: idsOf(starts),
      noneStartIds: idsOf(starts.filter((start) => readList(start, 'eventDefinitions').length === 0)),
      edges: state.edges,
    },
    context.sink,
  );
  return { id: scopeId, nodes: state.nodes, flows: state.flows };
}
