import type { CompiledDefinition } from '@tongban/engine';
import type { MessageKey } from '../i18n/messages.js';
import type { StateNodeLike } from './statechart.js';

/** What a label needs from the page: its language and how it names an element. */
export interface StateLabelHost {
  t(key: MessageKey, params?: Readonly<Record<string, string | number>>): string;
  /** The element's name as the designer shows it, or null when it has none. */
  nameOf(elementId: string): string | null;
}

/** The compiler's own state keys outside the BPMN elements (see the engine's state-ids.ts). */
const CASE_STATES: Readonly<Record<string, MessageKey>> = {
  idle: 'case.pending',
  body: 'case.running',
  completed: 'case.completed',
  terminated: 'case.terminated',
  withdrawn: 'case.withdrawn',
  failed: 'case.failed',
  returned: 'case.returned',
  refused: 'case.refused',
  noFlow: 'state.noFlow',
  gate: 'state.gate',
};

const KINDS: Readonly<Record<string, MessageKey>> = {
  startEvent: 'state.kind.startEvent',
  endEvent: 'state.kind.endEvent',
  userTask: 'state.kind.userTask',
  serviceTask: 'state.kind.serviceTask',
  gateway: 'state.kind.gateway',
  timerCatch: 'state.kind.timerCatch',
  messageCatch: 'state.kind.messageCatch',
  boundaryEvent: 'state.kind.boundaryEvent',
  subProcess: 'state.kind.subProcess',
};

/** The BPMN id inside a compiled state id (`n:Fire$2e$Review` → `Fire.Review`). */
function elementIdOf(escaped: string): string {
  return escaped.replace(/\$([0-9a-f]+)\$/g, (_all, hex: string) =>
    String.fromCodePoint(Number.parseInt(hex, 16)),
  );
}

/**
 * How the statechart names a state in the page's language: a BPMN element by its name (an unnamed
 * one by what it is, 未命名的用户任务), a parallel stage by its split, a branch by its number, the
 * case's own states by their status — never the compiler's raw key (`n:Task_0x1k9`, `r2`,
 * `done_3`), which is kept in the row's title for whoever needs it.
 */
export function stateLabel(
  node: StateNodeLike,
  definition: CompiledDefinition,
  host: StateLabelHost,
): string {
  const element = (id: string): string => {
    const name = host.nameOf(id);
    if (name !== null) return name;
    const kind = KINDS[definition.nodes.get(id)?.kind ?? ''];
    return host.t('state.unnamed', { kind: host.t(kind ?? 'state.kind.element') });
  };
  const match = /^([nbdt]):([^:]*)(?::(\d+))?$/.exec(node.id);
  if (match) {
    const [, prefix, escaped = '', index] = match;
    const id = elementIdOf(escaped);
    if (prefix === 'n') return element(id);
    if (prefix === 'b') return host.t('state.stage', { name: element(id) });
    if (prefix === 't') return host.t('case.terminated');
    // A region's end: the process's own (index 0) is its flow done, a branch's is that branch done.
    return index === '0' ? host.t('state.flowDone') : host.t('state.branchDone');
  }
  if (node.id === definition.machine.id)
    return definition.matter?.name ?? definition.model.name ?? host.t('state.case');
  const branch = /^r(\d+)$/.exec(node.key);
  if (branch) return host.t('state.branch', { n: Number(branch[1]) });
  const known = CASE_STATES[node.key];
  return known ? host.t(known) : host.t('state.internal');
}
