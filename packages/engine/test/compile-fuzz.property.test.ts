import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importBpmn } from '../src/bpmn/index.js';
import { modelProblems } from '../src/bpmn/ir-invariants.js';
import type { Diagnostic } from '../src/model/diagnostics.js';
import type { Scope } from '../src/model/process.js';
import { compileBpmn } from '../src/validate.js';
import { bpmnDocument } from './support/bpmn-doc.js';

/**
 * The class behind findings 8–10: random graphs of tasks, gateways, events and subprocesses, with
 * ids in ASCII, CJK and shapes XML parsers dislike (leading digits, dots), some flows without ids.
 * compileBpmn never throws, and no element of the file is lost: each flow node is in the imported
 * model where the file put it, or an error diagnostic names it (or, for a size or depth limit, the
 * subprocess or process that holds it).
 */

type Kind =
  | 'userTask'
  | 'serviceTask'
  | 'exclusive'
  | 'parallel'
  | 'inclusive'
  | 'start'
  | 'end'
  | 'sub'
  | 'timerCatch'
  | 'boundary';

interface GenNode {
  readonly kind: Kind;
  readonly id: string;
  readonly scope: GenScope | null;
  /** What a boundary event sits on: the node before it. */
  readonly host?: string;
}

interface GenFlow {
  readonly id: string | null;
  readonly source: string;
  readonly target: string;
}

interface GenScope {
  readonly nodes: readonly GenNode[];
  readonly flows: readonly GenFlow[];
}

/** Id stems: ASCII, CJK (Chinese tools write those), and shapes moddle's ASCII check refuses. */
const stem = fc.constantFrom(
  'Task',
  '消防审查',
  '住建局审批',
  '1号',
  'a.b',
  'x-y',
  '_z',
  '审',
  'Gateway_审批',
  '9',
);

const KINDS: readonly Kind[] = [
  'userTask',
  'serviceTask',
  'exclusive',
  'parallel',
  'inclusive',
  'end',
  'sub',
  'timerCatch',
  'boundary',
];

/** A raw scope: node kinds and stems, a chain order, and extra random flows as index pairs. */
const rawScope = fc.letrec<{ scope: RawScope }>((tie) => ({
  scope: fc.record({
    body: fc.array(
      fc.record({
        kind: fc.constantFrom(...KINDS),
        stem,
        inner: fc.option(tie('scope'), { nil: null, depthSize: 'small' }),
      }),
      { maxLength: 8 },
    ),
    extra: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { maxLength: 4 }),
    chain: fc.boolean(),
    noIds: fc.boolean(),
  }),
})).scope;

interface RawScope {
  readonly body: readonly { kind: Kind; stem: string; inner: RawScope | null }[];
  readonly extra: readonly [number, number, boolean][];
  readonly chain: boolean;
  readonly noIds: boolean;
}

/** Gives every element a document-unique id (stem + counter) and wires the flows. */
function build(raw: RawScope, next: () => number): GenScope {
  const start: GenNode = { kind: 'start', id: `开始${next()}`, scope: null };
  const nodes: GenNode[] = [start];
  for (const b of raw.body) {
    const scope =
      b.kind === 'sub' ? build(b.inner ?? { body: [], extra: [], chain: true, noIds: false }, next) : null;
    const host = b.kind === 'boundary' ? nodes.at(-1)?.id : undefined;
    nodes.push({ kind: b.kind, id: `${b.stem}${next()}`, scope, ...(host === undefined ? {} : { host }) });
  }
  const flowId = () => (raw.noIds && next() % 2 === 0 ? null : `流${next()}`);
  const flows: GenFlow[] = [];
  if (raw.chain) {
    // start → each node in order → an end: the shape that compiles when the kinds allow it.
    const end: GenNode = { kind: 'end', id: `结束${next()}`, scope: null };
    nodes.push(end);
    for (let i = 0; i + 1 < nodes.length; i++) {
      const [source, target] = [nodes[i], nodes[i + 1]];
      if (source && target && source.kind !== 'end')
        flows.push({ id: flowId(), source: source.id, target: target.id });
    }
  }
  for (const [a, b, named] of raw.extra) {
    const [source, target] = [nodes[a % nodes.length], nodes[b % nodes.length]];
    if (source && target)
      flows.push({ id: named ? `流${next()}` : null, source: source.id, target: target.id });
  }
  return { nodes, flows };
}

/** One flow node's XML (a subprocess with its scope). */
function nodeXml(node: GenNode): string {
  if (node.kind === 'start') return `<bpmn:startEvent id="${node.id}"/>`;
  if (node.kind === 'end') return `<bpmn:endEvent id="${node.id}"/>`;
  if (node.kind === 'userTask') return `<bpmn:userTask id="${node.id}" tb:department="住建局"/>`;
  if (node.kind === 'serviceTask') return `<bpmn:serviceTask id="${node.id}" tb:handler="notify"/>`;
  if (node.kind === 'sub') {
    return `<bpmn:subProcess id="${node.id}">${xmlOf(node.scope ?? { nodes: [], flows: [] })}</bpmn:subProcess>`;
  }
  if (node.kind === 'timerCatch') {
    return `<bpmn:intermediateCatchEvent id="${node.id}"><bpmn:timerEventDefinition><bpmn:timeDuration>P2D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>`;
  }
  if (node.kind === 'boundary') {
    // On the node before it in the scope (a task, or anything: a wrong host must be named too).
    return `<bpmn:boundaryEvent id="${node.id}" attachedToRef="${node.host ?? ''}"><bpmn:timerEventDefinition><bpmn:timeDuration>PT4H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>`;
  }
  return `<bpmn:${node.kind}Gateway id="${node.id}"/>`;
}

function xmlOf(scope: GenScope): string {
  const nodes = scope.nodes.map(nodeXml);
  const flows = scope.flows.map(
    (flow) =>
      `<bpmn:sequenceFlow${flow.id === null ? '' : ` id="${flow.id}"`} sourceRef="${flow.source}" targetRef="${flow.target}"/>`,
  );
  return [...nodes, ...flows].join('\n');
}

const model = rawScope.map((raw) => {
  let counter = 0;
  return build(raw, () => counter++);
});

/** Every node of the generated scope is in the imported scope, or refused by name. */
function expectNothingLost(
  generated: GenScope,
  imported: Scope | undefined,
  holders: readonly string[],
  errors: readonly Diagnostic[],
): void {
  const named = (id: string) => errors.some((d) => d.elementId === id);
  const limited = holders.some((id) => errors.some((d) => d.elementId === id && d.code === 'LIMIT_EXCEEDED'));
  for (const node of generated.nodes) {
    const found = imported?.nodes[node.id];
    if (found === undefined) {
      expect(named(node.id) || limited, `flow node "${node.id}" was dropped without an error naming it`).toBe(
        true,
      );
      continue;
    }
    if (node.scope !== null && found.kind === 'subProcess') {
      expectNothingLost(node.scope, found.scope, [...holders, node.id], errors);
    }
  }
  const flows = Object.values(imported?.flows ?? {});
  for (const flow of generated.flows) {
    const kept =
      flow.id === null
        ? flows.some((f) => f.source === flow.source && f.target === flow.target)
        : imported?.flows[flow.id] !== undefined;
    // A flow out of or into a refused node goes with the node (which has its error).
    const endRefused = [flow.source, flow.target].some((id) => imported?.nodes[id] === undefined);
    expect(
      kept || endRefused || limited || (flow.id !== null && named(flow.id)),
      `sequence flow ${flow.id ?? `${flow.source}->${flow.target}`} was dropped without an error naming it`,
    ).toBe(true);
  }
}

describe('compileBpmn on random graphs', () => {
  it('never throws and never loses an element of the file', async () => {
    await fc.assert(
      fc.asyncProperty(model, async (generated) => {
        const xml = bpmnDocument(xmlOf(generated));
        const compiled = await compileBpmn(xml);
        const failures = compiled.diagnostics.filter(
          (d) => d.code === 'IMPORT_FAILED' || d.code === 'COMPILE_FAILED',
        );
        expect(failures).toEqual([]);
        const imported = await importBpmn(xml);
        expect(imported.model).not.toBeNull();
        if (imported.model === null) return;
        expect(modelProblems(imported.model)).toEqual([]);
        const errors = [...imported.diagnostics, ...compiled.diagnostics].filter(
          (d) => d.severity === 'error',
        );
        expectNothingLost(generated, imported.model.root, ['P'], errors);
        if (compiled.ok) {
          // What compiles holds every node of the file, subprocesses included.
          const all: string[] = [];
          const collect = (scope: GenScope) => {
            for (const node of scope.nodes) {
              all.push(node.id);
              if (node.scope) collect(node.scope);
            }
          };
          collect(generated);
          expect([...compiled.definition.nodes.keys()].sort()).toEqual(all.sort());
        }
      }),
      { numRuns: 250 },
    );
  }, 120_000);

  it('some random graphs compile, so the property also covers the compiled model', async () => {
    const samples = fc.sample(model, { numRuns: 80, seed: 14 });
    const verdicts = await Promise.all(
      samples.map(async (m) => (await compileBpmn(bpmnDocument(xmlOf(m)))).ok),
    );
    expect(verdicts.filter(Boolean).length).toBeGreaterThan(0);
  });

  it('handles deep nesting and long chains without throwing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 400 }),
        async (depth, length) => {
          let counter = 0;
          const chain = (n: number): GenScope =>
            build(
              {
                body: Array.from({ length: n }, () => ({
                  kind: 'serviceTask' as const,
                  stem: '步骤',
                  inner: null,
                })),
                extra: [],
                chain: true,
                noIds: false,
              },
              () => counter++,
            );
          let scope = chain(length);
          for (let level = 0; level < depth; level++) {
            const inner = scope;
            const sub: GenNode = { kind: 'sub', id: `子流程${counter++}`, scope: inner };
            const start: GenNode = { kind: 'start', id: `开始${counter++}`, scope: null };
            const end: GenNode = { kind: 'end', id: `结束${counter++}`, scope: null };
            scope = {
              nodes: [start, sub, end],
              flows: [
                { id: null, source: start.id, target: sub.id },
                { id: null, source: sub.id, target: end.id },
              ],
            };
          }
          const result = await compileBpmn(bpmnDocument(xmlOf(scope)));
          expect(
            result.diagnostics.filter((d) => d.code === 'IMPORT_FAILED' || d.code === 'COMPILE_FAILED'),
          ).toEqual([]);
          // Up to the documented depth it compiles; deeper, the one refusal names the limit.
          if (depth <= 32) expect(result.diagnostics).toEqual([]);
          else expect(result.diagnostics.map((d) => d.code)).toEqual(['LIMIT_EXCEEDED']);
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);
});
