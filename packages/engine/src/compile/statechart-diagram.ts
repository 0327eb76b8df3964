import type { AnyStateMachine } from 'xstate';
import type { CompiledDefinition } from './compile.js';

/** The parts of an xstate StateNode the diagram reads. */
interface NodeView {
  readonly id: string;
  readonly key: string;
  readonly type: string;
  readonly initial?: { readonly target: readonly NodeView[] } | undefined;
  readonly states: Readonly<Record<string, NodeView>>;
  readonly transitions: ReadonlyMap<string, readonly TransitionView[]>;
  readonly always?: readonly TransitionView[] | undefined;
}

interface TransitionView {
  readonly target?: readonly NodeView[] | undefined;
  readonly guard?: unknown;
}

/** Element names by state id prefix, so the diagram shows 受理 rather than `n:Accept`. */
function labels(definition: CompiledDefinition): Map<string, string> {
  const map = new Map<string, string>();
  const walk = (scope: CompiledDefinition['model']['root']): void => {
    for (const node of Object.values(scope.nodes)) {
      map.set(node.id, node.name ?? node.id);
      if (node.kind === 'subProcess') walk(node.scope);
    }
  };
  walk(definition.model.root);
  return map;
}

function elementOf(stateId: string): string | null {
  const m = /^[nb]:(.*)$/.exec(stateId);
  if (!m) return null;
  return m[1]!.replace(/\$([0-9a-f]+)\$/g, (_all, hex: string) =>
    String.fromCodePoint(Number.parseInt(hex, 16)),
  );
}

/**
 * The compiled statechart as a Mermaid `stateDiagram-v2`: compound states nest, parallel stages
 * show their regions separated by `--`, eventless (gateway) transitions are labelled with `[guard]`
 * when conditional. Used by docs/bpmn-subset.md and the designer's statechart view.
 */
export function statechartToMermaid(definition: CompiledDefinition): string {
  const machine: AnyStateMachine = definition.machine;
  const names = labels(definition);
  const ids = new Map<string, string>();
  const alias = (node: NodeView): string => {
    let a = ids.get(node.id);
    if (a === undefined) {
      a = `s${ids.size + 1}`;
      ids.set(node.id, a);
    }
    return a;
  };
  const label = (node: NodeView): string => {
    const element = elementOf(node.id);
    if (node.id.startsWith('b:')) return `${element ? (names.get(element) ?? element) : node.key} ‖`;
    if (element) return names.get(element) ?? element;
    return node.key;
  };
  const lines: string[] = ['stateDiagram-v2'];
  const edges: string[] = [];

  const emit = (node: NodeView, indent: string): void => {
    const children = Object.values(node.states);
    const initial = node.initial?.target[0];
    if (initial && node.type !== 'parallel') lines.push(`${indent}[*] --> ${alias(initial)}`);
    children.forEach((child, i) => {
      if (node.type === 'parallel' && i > 0) lines.push(`${indent}--`);
      const a = alias(child);
      lines.push(`${indent}state "${label(child).replace(/"/g, "'")}" as ${a}`);
      if (Object.keys(child.states).length > 0) {
        lines.push(`${indent}state ${a} {`);
        emit(child, `${indent}  `);
        lines.push(`${indent}}`);
      }
      if (child.type === 'final') lines.push(`${indent}${a} --> [*]`);
      for (const [event, transitions] of child.transitions) {
        // 撤回 transitions are operations on a running case, like 跳转: not part of the flow drawn.
        if (event === 'recall') continue;
        for (const t of transitions) {
          for (const target of t.target ?? [])
            edges.push(`  ${a} --> ${alias(target)} : ${event.replace(/:/g, ' ')}`);
        }
      }
      for (const t of child.always ?? []) {
        for (const target of t.target ?? [])
          edges.push(`  ${a} --> ${alias(target)}${t.guard ? ' : [guard]' : ''}`);
      }
    });
  };
  emit(machine.root as unknown as NodeView, '  ');
  return [...lines, ...edges].join('\n');
}

/** Mermaid flowchart of a model's top-level flow, for documentation next to its statechart. */
export function processToMermaid(definition: CompiledDefinition): string {
  const lines = ['flowchart LR'];
  const seen = new Map<string, string>();
  const id = (elementId: string): string => {
    let a = seen.get(elementId);
    if (a === undefined) {
      a = `n${seen.size + 1}`;
      seen.set(elementId, a);
    }
    return a;
  };
  const walk = (scope: CompiledDefinition['model']['root'], indent: string): void => {
    for (const node of Object.values(scope.nodes)) {
      const text = (node.name ?? node.id).replace(/"/g, "'");
      const shape =
        node.kind === 'gateway'
          ? `{"${node.gatewayType === 'parallel' ? '+' : node.gatewayType === 'inclusive' ? 'O' : 'X'} ${text}"}`
          : node.kind === 'startEvent' || node.kind === 'endEvent'
            ? `(("${text}"))`
            : node.kind === 'boundaryEvent' || node.kind === 'timerCatch' || node.kind === 'messageCatch'
              ? `(["${text}"])`
              : `["${text}"]`;
      if (node.kind === 'subProcess') {
        lines.push(`${indent}subgraph ${id(node.id)} ["${text}"]`);
        walk(node.scope, `${indent}  `);
        lines.push(`${indent}end`);
      } else {
        lines.push(`${indent}${id(node.id)}${shape}`);
      }
      if (node.kind === 'boundaryEvent') lines.push(`${indent}${id(node.attachedTo)} -.- ${id(node.id)}`);
    }
    for (const flow of Object.values(scope.flows)) {
      const text = flow.condition ? `|"${flow.condition.replace(/"/g, "'")}"|` : '';
      lines.push(`${indent}${id(flow.source)} -->${text} ${id(flow.target)}`);
    }
  };
  walk(definition.model.root, '  ');
  return lines.join('\n');
}
