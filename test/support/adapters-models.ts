// Small process models for the durable-runtime tests, written as the engine's IR and compiled by
// the real compiler (independent of the BPMN importer).
import {
  type CompiledDefinition,
  compile,
  type FlowNode,
  type ProcessModel,
  type Scope,
} from '@tongban/engine';

type Draft = DistributiveOmit<FlowNode, 'incoming' | 'outgoing'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function scope(id: string, nodes: Draft[], flows: [string, string][]): Scope {
  const seqFlows: Scope['flows'] = Object.fromEntries(
    flows.map(([source, target]) => {
      const flowId = `f_${source}_${target}`;
      return [flowId, { id: flowId, source, target, condition: null, name: null }];
    }),
  );
  const all = Object.values(seqFlows);
  const full: Record<string, FlowNode> = {};
  for (const node of nodes) {
    full[node.id] = {
      ...node,
      incoming: all.filter((flow) => flow.target === node.id).map((flow) => flow.id),
      outgoing: all.filter((flow) => flow.source === node.id).map((flow) => flow.id),
    } as FlowNode;
  }
  return { id, nodes: full, flows: seqFlows };
}

const start = (id: string): Draft => ({ kind: 'startEvent', id, name: null });
const end = (id: string): Draft => ({ kind: 'endEvent', id, name: null, variant: 'none', errorCode: null });
const parallel = (id: string): Draft => ({
  kind: 'gateway',
  id,
  name: null,
  gatewayType: 'parallel',
  defaultFlow: null,
});
const task = (id: string, department: string, role: 'lead' | 'co'): Draft => ({
  kind: 'userTask',
  id,
  name: id,
  department,
  role,
  limit: null,
  warning: null,
  multiInstance: null,
  boundaries: [],
});
const wait = (id: string, duration: string): Draft => ({
  kind: 'timerCatch',
  id,
  name: null,
  timer: { type: 'duration', value: duration, calendar: null },
});

function compiled(root: Scope): CompiledDefinition {
  const model: ProcessModel = { id: root.id, name: null, matter: null, root, messages: {} };
  const result = compile(model);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.definition;
}

/** 并联审批: the lead department and two co-handlers review at once; the join opens the decision. */
export function parallelApproval(): CompiledDefinition {
  return compiled(
    scope(
      'parallel_approval',
      [
        start('s'),
        parallel('fork'),
        task('lead_review', '住建局', 'lead'),
        task('fire_review', '消防救援支队', 'co'),
        task('env_review', '生态环境局', 'co'),
        parallel('join'),
        task('decide', '住建局', 'lead'),
        end('e'),
      ],
      [
        ['s', 'fork'],
        ['fork', 'lead_review'],
        ['fork', 'fire_review'],
        ['fork', 'env_review'],
        ['lead_review', 'join'],
        ['fire_review', 'join'],
        ['env_review', 'join'],
        ['join', 'decide'],
        ['decide', 'e'],
      ],
    ),
  );
}

/** A case that waits (a BPMN timer) and then opens one task. */
export function waitThenReview(duration = 'PT1H'): CompiledDefinition {
  return compiled(
    scope(
      'wait_then_review',
      [start('s'), wait('cool_off', duration), task('review', '市场监管局', 'lead'), end('e')],
      [
        ['s', 'cool_off'],
        ['cool_off', 'review'],
        ['review', 'e'],
      ],
    ),
  );
}

/** A service task (a host handler checks the licence), then the decision. */
export function checkThenDecide(): CompiledDefinition {
  const check: Draft = {
    kind: 'serviceTask',
    id: 'check_licence',
    name: 'check',
    handler: 'checkLicence',
    boundaries: [],
  };
  return compiled(
    scope(
      'check_then_decide',
      [start('s'), check, task('decide', '市场监管局', 'lead'), end('e')],
      [
        ['s', 'check_licence'],
        ['check_licence', 'decide'],
        ['decide', 'e'],
      ],
    ),
  );
}
