/**
 * Where the designer's open + validate time goes: records Chromium CPU profiles (CDP, through
 * playwright-core) of opening the benchmark diagram until it is drawn and checked (a small diagram
 * is open before each run, outside the profile), and prints the time of the main parts and the
 * functions with the most time, self and inclusive, summed over the runs.
 *
 *   pnpm exec tsx --conditions=@tongban/source bench/designer-profile.ts
 *
 * RUNS (default 5) and TOP (default 30) change the number of runs and rows; STAGES=30 profiles the
 * 3,000-element diagram of designer-large.bench.ts instead of the 500-element one; CALLERS=fn,fn prints
 * who calls those functions (their outermost call). EDIT=1 profiles the check after an edit instead
 * of the open, as designer-large.bench.ts times it: a task renamed, then `validation.runNow()` and
 * the next frame (the time printed; the profile also holds the rename and the pause before it).
 */

import { benchDiagram, generate, openDesignerPage } from './designer-diagram.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const RUNS = Number(process.env.RUNS ?? 5);
const TOP = Number(process.env.TOP ?? 30);
const CALLERS = (process.env.CALLERS ?? '').split(',').filter(Boolean);
const EDIT = process.env.EDIT === '1';

/** The main parts of an open, by a function whose inclusive time is the part's. */
const PARTS: readonly [string, RegExp][] = [
  ['bpmn-js: parse XML (moddle)', /^BpmnModdle\.fromXML /],
  ['bpmn-js: draw shapes and connections', /^Canvas\._addElement /],
  ['bpmn-js: fit to viewport (forces layout)', /^Canvas\._fitViewport /],
  ['properties panel render', /^_render /],
  ['Tongban: engine check (checkParsedBpmn)', /^checkParsedBpmn /],
  ['Tongban: show diagnostics and notify', /^#check /],
  ['Tongban: import bpmn-js model (importDefinitions)', /^importDefinitions /],
  ['Tongban: structural and domain checks (checkModel)', /^checkModel /],
  ['garbage collection', /^\(garbage collector\) /],
  ['style, layout, paint (native)', /^\(program\) /],
];

const where = (node: ProfileNode) => {
  const { url, functionName, lineNumber } = node.callFrame;
  return `${functionName || '(anonymous)'} ${url.split('/').pop() ?? ''}:${lineNumber + 1}`;
};

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
const callers = new Map<string, Map<string, number>>();
let total = 0;

/** Adds one profile: milliseconds per function, self and inclusive (once per stack). */
function add(profile: Profile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    const chain: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at);
      if (node) chain.push(where(node));
    }
    if (chain[0] !== undefined) self.set(chain[0], (self.get(chain[0]) ?? 0) + dt);
    for (const key of new Set(chain)) inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
    for (const name of CALLERS) {
      const index = chain.findLastIndex((key) => key.startsWith(`${name} `));
      if (index < 0) continue;
      const key = chain.slice(index + 1, index + 5).join(' < ');
      const map = callers.get(name) ?? new Map<string, number>();
      map.set(key, (map.get(key) ?? 0) + dt);
      callers.set(name, map);
    }
  });
}

function print(title: string, map: Map<string, number>, rows = TOP): void {
  console.log(title);
  for (const [key, value] of [...map].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
    console.log(`${(value / RUNS).toFixed(1).padStart(9)} ms  ${key}`);
  }
}

const { xml } = process.env.STAGES ? generate(Number(process.env.STAGES), 33) : benchDiagram();
const small = generate(0, 0).xml;
const { page, browser, server } = await openDesignerPage();
try {
  const open = (text: string) =>
    page.evaluate(async (source) => {
      type Designer = { open(xml: string, name: string): Promise<boolean> };
      const designer = (window as unknown as { tongban: Designer }).tongban;
      const t0 = performance.now();
      await designer.open(source, 'bench.bpmn');
      await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
      return performance.now() - t0;
    }, text);
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const edit = (run: number) =>
    page.evaluate(async (run) => {
      type Designer = {
        modeler: { get(name: string): unknown };
        validation: { runNow(): Promise<unknown> };
      };
      const designer = (window as unknown as { tongban: Designer }).tongban;
      const registry = designer.modeler.get('elementRegistry') as { get(id: string): unknown };
      const modeling = designer.modeler.get('modeling') as {
        updateProperties(e: unknown, p: Record<string, unknown>): void;
      };
      // A person's edits come some time apart (the live validation checks a lone edit at once).
      await new Promise((done) => setTimeout(done, 300));
      modeling.updateProperties(registry.get('Accept'), { name: `受理 ${run}` });
      const t0 = performance.now();
      await designer.validation.runNow();
      await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
      return performance.now() - t0;
    }, run);
  await open(small);
  await open(xml); // warm
  const wall: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    if (!EDIT) await open(small);
    await cdp.send('Profiler.start');
    wall.push(EDIT ? await edit(run) : await open(xml));
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    add(profile);
  }
  const what = EDIT ? 'check after an edit, shown' : 'open + validate, drawn and shown';
  console.log(`${what}: ${wall.map((w) => w.toFixed(0)).join(', ')} ms`);
  console.log(`profiled per run: ${(total / RUNS).toFixed(1)} ms (sampled; per run below)`);
  const parts = new Map<string, number>();
  for (const [label, pattern] of PARTS) {
    for (const [key, value] of inclusive)
      if (pattern.test(key)) parts.set(label, (parts.get(label) ?? 0) + value);
  }
  print('main parts (inclusive; they overlap where one calls another)', parts);
  print('self time', self);
  print('inclusive time', inclusive);
  for (const [name, map] of callers) print(`callers of ${name}`, map, 8);
} finally {
  await browser.close();
  await server.close();
}
