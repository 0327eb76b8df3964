import { type CompiledDefinition, compile } from '../../src/compile/index.js';
import type {
  BoundaryEventNode,
  FlowNode,
  MatterInfo,
  ProcessModel,
  Scope,
  SequenceFlow,
  TimerDefinition,
} from '../../src/model/process.js';

/**
 * A compact way to write IR models in compiler tests, independent of the BPMN importer:
 * nodes without their flow lists, and flows as `[source, target, condition?]`.
 */
type Draft = DistributiveOmit<FlowNode, 'incoming' | 'outgoing'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type FlowDraft =
  | readonly [string, string, string?]
  | { id: string; from: string; to: string; condition?: string };

export function scope(
  id: string,
  nodes: Draft[],
  flows: FlowDraft[],
  defaults: Record<string, string> = {},
): Scope {
  const seqFlows: Record<string, SequenceFlow> = {};
  flows.forEach((f, i) => {
    const flow = Array.isArray(f)
      ? { id: `${id}_f${i + 1}_${f[0]}_${f[1]}`, source: f[0], target: f[1], condition: f[2] ?? null }
      : (() => {
          const o = f as { id: string; from: string; to: string; condition?: string };
          return { id: o.id, source: o.from, target: o.to, condition: o.condition ?? null };
        })();
    seqFlows[flow.id] = { ...flow, name: null };
  });
  const full: Record<string, FlowNode> = {};
  for (const n of nodes) {
    const outgoing = Object.values(seqFlows)
      .filter((f) => f.source === n.id)
      .map((f) => f.id);
    const incoming = Object.values(seqFlows)
      .filter((f) => f.target === n.id)
      .map((f) => f.id);
    const node = { ...n, outgoing, incoming } as FlowNode;
    if (node.kind === 'gateway' && defaults[node.id]) {
      const target = defaults[node.id];
      const flowId = outgoing.find((fid) => seqFlows[fid]?.target === target) ?? null;
      full[node.id] = { ...node, defaultFlow: flowId };
    } else {
      full[node.id] = node;
    }
  }
  return { id, nodes: full, flows: seqFlows };
}

export function model(root: Scope, matter: MatterInfo | null = null): ProcessModel {
  return { id: root.id, name: null, matter, root, messages: {} };
}

/** The tests' usual matter: promised in 20 working days, yellow 1 working day before, up to 10 days of 延期. */
export function promisedMatter(code: string, name: string): MatterInfo {
  return {
    code,
    name,
    kind: 'promised',
    legalLimit: null,
    promisedLimit: { amount: 20, unit: 'workingDays' },
    warning: { kind: 'absolute', amount: 1, unit: 'workingDays' },
    extensionCap: 10,
    calendar: null,
  };
}

/** Compiles a model, throwing with its diagnostics: a test model must compile. */
export function compiled(m: ProcessModel): CompiledDefinition {
  const result = compile(m);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics, null, 2));
  return result.definition;
}

export const start = (id: string): Draft => ({ kind: 'startEvent', id, name: null });
export const end = (
  id: string,
  variant: 'none' | 'terminate' | 'error' = 'none',
  errorCode: string | null = null,
): Draft => ({
  kind: 'endEvent',
  id,
  name: null,
  variant,
  errorCode,
});
export const task = (
  id: string,
  department: string,
  extra: Partial<Omit<Extract<FlowNode, { kind: 'userTask' }>, 'kind' | 'id'>> = {},
): Draft => ({
  kind: 'userTask',
  id,
  name: id,
  department,
  role: 'co',
  limit: null,
  warning: null,
  multiInstance: null,
  boundaries: [],
  ...extra,
});
export const service = (id: string, handler: string, boundaries: string[] = []): Draft => ({
  kind: 'serviceTask',
  id,
  name: id,
  handler,
  boundaries,
});
export const gateway = (id: string, gatewayType: 'exclusive' | 'inclusive' | 'parallel'): Draft => ({
  kind: 'gateway',
  id,
  name: null,
  gatewayType,
  defaultFlow: null,
});
export const timerCatch = (id: string, value: string, calendar: string | null = null): Draft => ({
  kind: 'timerCatch',
  id,
  name: null,
  timer: { type: 'duration', value, calendar },
});
export const messageCatch = (id: string, message: string): Draft => ({
  kind: 'messageCatch',
  id,
  name: null,
  message,
});
export const boundary = (
  id: string,
  attachedTo: string,
  trigger: BoundaryEventNode['trigger'],
  cancelActivity = true,
): Draft => ({ kind: 'boundaryEvent', id, name: null, attachedTo, cancelActivity, trigger });
export const timer = (value: string, calendar: string | null = null): BoundaryEventNode['trigger'] => ({
  type: 'timer',
  timer: { type: 'duration', value, calendar } satisfies TimerDefinition,
});
export const subProcess = (id: string, inner: Scope, boundaries: string[] = []): Draft => ({
  kind: 'subProcess',
  id,
  name: id,
  scope: inner,
  boundaries,
});
