/**
 * Engine throughput and memory, against bpmn-engine and a hand-written xstate machine of the same
 * flow, in one run:  accept → fork(lead review ‖ 3 co-handling reviews) → join → decide → end.
 *
 *   pnpm exec tsx --expose-gc --conditions=@tongban/source bench/engine.bench.ts
 *
 * Env: N (cases driven to completion per engine, in 5 interleaved rounds; default 3000; bpmn-engine
 * runs a twentieth of that), PARKED (parked cases for the heap measure, default 2000).
 *
 * In one process the contenders share xstate's code, and V8 optimises it for whichever machines it
 * has seen: the hand-written actor runs about twice as fast alone as next to ours. So ours and the
 * actor are also measured each in a fresh process of its own (`--solo <name>`, alternating).
 */
import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { type CaseSnapshot, type CompiledDefinition, compileBpmn, step } from '@tongban/engine';
import { Engine } from 'bpmn-engine';
import { type AnyActorRef, createActor, createMachine, initialTransition, transition } from 'xstate';

const N = Number(process.env.N ?? 3000);
const PARKED = Number(process.env.PARKED ?? 2000);
const T0 = Date.parse('2026-03-02T09:00:00+08:00');
const CO = ['自然资源和规划局', '消防救援支队', '人民防空办公室'];

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tb="https://tongban.dev/schema/bpmn/tb/1.0" id="bench" targetNamespace="https://tongban.dev/bench">
  <process id="Bench" isExecutable="true" tb:promisedLimit="20" tb:promisedLimitUnit="workingDays" tb:warning="1" tb:warningUnit="workingDays">
    <startEvent id="s" />
    <userTask id="accept" tb:department="住建局" tb:role="lead" />
    <parallelGateway id="fork" />
    <userTask id="lead" tb:department="住建局" tb:role="lead" />
    <userTask id="co1" tb:department="${CO[0]}" />
    <userTask id="co2" tb:department="${CO[1]}" />
    <userTask id="co3" tb:department="${CO[2]}" />
    <parallelGateway id="join" />
    <userTask id="decide" tb:department="住建局" tb:role="lead" />
    <endEvent id="e" />
    <sequenceFlow id="f1" sourceRef="s" targetRef="accept" />
    <sequenceFlow id="f2" sourceRef="accept" targetRef="fork" />
    <sequenceFlow id="f3" sourceRef="fork" targetRef="lead" />
    <sequenceFlow id="f4" sourceRef="fork" targetRef="co1" />
    <sequenceFlow id="f5" sourceRef="fork" targetRef="co2" />
    <sequenceFlow id="f6" sourceRef="fork" targetRef="co3" />
    <sequenceFlow id="f7" sourceRef="lead" targetRef="join" />
    <sequenceFlow id="f8" sourceRef="co1" targetRef="join" />
    <sequenceFlow id="f9" sourceRef="co2" targetRef="join" />
    <sequenceFlow id="f10" sourceRef="co3" targetRef="join" />
    <sequenceFlow id="f11" sourceRef="join" targetRef="decide" />
    <sequenceFlow id="f12" sourceRef="decide" targetRef="e" />
  </process>
</definitions>`;

// ---- Tongban: pure step, the snapshot kept as JSON text between commands (as a store keeps it).
function tongbanCase(def: CompiledDefinition, id: string): string {
  let at = T0;
  const started = step(def, null, { type: 'start', caseId: id }, at);
  if (!started.ok) throw started.error;
  let json = JSON.stringify(started.snapshot);
  for (;;) {
    const snapshot = JSON.parse(json) as CaseSnapshot;
    if (snapshot.status !== 'running') return json;
    const task = Object.values(snapshot.machine.context.tasks)[0];
    if (!task) throw new Error('stuck');
    at += 60_000;
    const r = step(
      def,
      snapshot,
      { type: 'completeTask', taskId: task.id, department: task.department ?? '' },
      at,
    );
    if (!r.ok) throw r.error;
    json = JSON.stringify(r.snapshot);
  }
}

function parkTongban(def: CompiledDefinition, id: string): string {
  const r = step(def, null, { type: 'start', caseId: id }, T0);
  if (!r.ok) throw r.error;
  const task = r.openTasks[0]!;
  const r2 = step(
    def,
    r.snapshot,
    { type: 'completeTask', taskId: task.id, department: '住建局' },
    T0 + 60_000,
  );
  if (!r2.ok) throw r2.error;
  return JSON.stringify(r2.snapshot); // parked in the parallel stage, four tasks open
}

/** The JSON texts one case passes through between commands (start, then each completion). */
function snapshotTexts(def: CompiledDefinition): string[] {
  let at = T0;
  const started = step(def, null, { type: 'start', caseId: 'floor' }, at);
  if (!started.ok) throw started.error;
  const texts = [JSON.stringify(started.snapshot)];
  for (let r = started; r.openTasks[0] !== undefined; ) {
    const task = r.openTasks[0];
    at += 60_000;
    const next = step(
      def,
      JSON.parse(texts.at(-1) ?? '') as CaseSnapshot,
      { type: 'completeTask', taskId: task.id, department: task.department ?? '' },
      at,
    );
    if (!next.ok) throw next.error;
    texts.push(JSON.stringify(next.snapshot));
    r = next;
  }
  return texts;
}

/** What `tongbanCase` spends on JSON alone: each text parsed and written again, no engine. */
function jsonFloorCase(texts: readonly string[]): number {
  let bytes = 0;
  for (const text of texts) bytes += JSON.stringify(JSON.parse(text)).length;
  return bytes;
}

// ---- bpmn-engine: signal every waiting user task until the process ends.
async function bpmnEngineCase(id: string): Promise<void> {
  const engine = new Engine({ name: id, source: XML });
  const listener = new EventEmitter();
  listener.on('wait', (api: { signal: () => void }) => api.signal());
  const ended = new Promise<void>((resolve, reject) => {
    engine.once('end', () => resolve());
    engine.once('error', reject);
  });
  await engine.execute({ listener });
  await ended;
}

async function parkBpmnEngine(id: string): Promise<{ engine: Engine; state: string }> {
  const engine = new Engine({ name: id, source: XML });
  const listener = new EventEmitter();
  let accepted = false;
  listener.on('wait', (api: { id: string; signal: () => void }) => {
    if (api.id === 'accept' && !accepted) {
      accepted = true;
      api.signal();
    }
  });
  await engine.execute({ listener });
  await new Promise((r) => setImmediate(r));
  return { engine, state: JSON.stringify(await engine.getState()) };
}

// ---- Hand-written xstate machine of the same flow.
const review = (name: string) => ({
  initial: 'open',
  states: { open: { on: { [`done.${name}`]: 'done' } }, done: { type: 'final' as const } },
});
const handMachine = createMachine({
  id: 'hand',
  initial: 'accept',
  states: {
    accept: { on: { accept: 'review' } },
    review: {
      type: 'parallel',
      states: { lead: review('lead'), co1: review('co1'), co2: review('co2'), co3: review('co3') },
      onDone: 'decide',
    },
    decide: { on: { decide: 'end' } },
    end: { type: 'final' },
  },
});
const HAND_EVENTS = ['accept', 'done.lead', 'done.co1', 'done.co2', 'done.co3', 'decide'];

function handActorCase(): void {
  const actor = createActor(handMachine).start();
  for (const type of HAND_EVENTS) actor.send({ type });
  if (actor.getSnapshot().status !== 'done') throw new Error('hand machine did not finish');
  actor.stop();
}

function handPureCase(): string {
  let [snap] = initialTransition(handMachine);
  let json = JSON.stringify(handMachine.getPersistedSnapshot(snap));
  for (const type of HAND_EVENTS) {
    snap = handMachine.resolveState(JSON.parse(json) as never);
    [snap] = transition(handMachine, snap, { type });
    json = JSON.stringify(handMachine.getPersistedSnapshot(snap));
  }
  return json;
}

interface Contender {
  readonly label: string;
  /** Cases per round (bpmn-engine is ~100× slower, so it runs fewer). */
  readonly perRound: number;
  readonly run: (i: number) => unknown;
}

/** This process's CPU time (user + system) in seconds: unlike wall time, not lengthened by other processes. */
function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

interface Rate {
  /** Cases per wall-clock second. */
  readonly wall: number;
  /** Cases per second of this process's CPU time. */
  readonly cpu: number;
}

/**
 * Runs the contenders in interleaved rounds, so that whatever else the machine is doing weighs on
 * all of them alike and the ratios stay meaningful on a busy machine; CPU time is measured too.
 */
async function race(contenders: readonly Contender[], rounds: number): Promise<Map<string, Rate>> {
  const spent = new Map<string, { seconds: number; cpu: number; cases: number }>();
  for (const c of contenders) for (let i = 0; i < Math.min(100, c.perRound); i++) await c.run(-i - 1); // warm up
  for (let round = 0; round < rounds; round++) {
    for (const c of contenders) {
      const t = performance.now();
      const cpu = cpuSeconds();
      for (let i = 0; i < c.perRound; i++) await c.run(round * c.perRound + i);
      const s = spent.get(c.label) ?? { seconds: 0, cpu: 0, cases: 0 };
      spent.set(c.label, {
        seconds: s.seconds + (performance.now() - t) / 1000,
        cpu: s.cpu + (cpuSeconds() - cpu),
        cases: s.cases + c.perRound,
      });
    }
  }
  return new Map(
    [...spent].map(([label, s]) => [label, { wall: s.cases / s.seconds, cpu: s.cases / s.cpu }]),
  );
}

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (!g) throw new Error('run with --expose-gc (see the header of this file)');
  g();
  g();
}

async function heapPer<T>(count: number, make: (i: number) => T | Promise<T>): Promise<number> {
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept: T[] = [];
  for (let i = 0; i < count; i++) kept.push(await make(i));
  gc();
  const after = process.memoryUsage().heapUsed;
  if (kept.length !== count) throw new Error('lost parked cases');
  return (after - before) / count;
}

const compiled = await compileBpmn(XML);
if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
const def = compiled.definition;
const texts = snapshotTexts(def);

const ROUNDS = 5;
const per = Math.max(1, Math.floor(N / ROUNDS));
const LABELS = {
  ours: 'tongban step (JSON snapshot between commands)',
  bpmn: 'bpmn-engine 25',
  handActor: 'hand-written xstate (actor)',
  handPure: 'hand-written xstate (pure transition + JSON)',
  floor: "floor: our snapshots' JSON round trip alone",
};
const SOLO = {
  ours: { label: LABELS.ours, perRound: per, run: (i) => tongbanCase(def, `c${i}`) },
  handActor: { label: LABELS.handActor, perRound: per, run: () => handActorCase() },
} satisfies Record<string, Contender>;

if (process.argv[2] === '--solo') {
  const name = process.argv[3] ?? '';
  const contender = name in SOLO ? SOLO[name as keyof typeof SOLO] : undefined;
  if (contender === undefined) throw new Error(`--solo takes one of ${Object.keys(SOLO).join(', ')}`);
  await race([contender], 2); // let V8 optimise first, as the interleaved rounds do for each other
  const rate = (await race([contender], ROUNDS)).get(contender.label);
  process.stdout.write(`${JSON.stringify(rate)}\n`);
  process.exit(0);
}

/** Ours and the hand-written actor, each alone in a fresh process, alternating (`runs` each). */
function soloRates(runs: number): { ours: Rate[]; handActor: Rate[] } {
  const tsx = createRequire(import.meta.url).resolve('tsx');
  const self = fileURLToPath(import.meta.url);
  const out: { ours: Rate[]; handActor: Rate[] } = { ours: [], handActor: [] };
  for (let run = 0; run < runs; run++) {
    for (const name of ['ours', 'handActor'] as const) {
      const child = spawnSync(
        process.execPath,
        ['--import', tsx, '--conditions=@tongban/source', self, '--solo', name],
        { encoding: 'utf8', env: process.env },
      );
      if (child.status !== 0) throw new Error(`--solo ${name} failed: ${child.stderr}`);
      out[name].push(JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '') as Rate);
    }
  }
  return out;
}

const rates = await race(
  [
    SOLO.ours,
    { label: LABELS.bpmn, perRound: Math.max(20, Math.floor(per / 20)), run: (i) => bpmnEngineCase(`b${i}`) },
    SOLO.handActor,
    { label: LABELS.handPure, perRound: per, run: () => handPureCase() },
    { label: LABELS.floor, perRound: per, run: () => jsonFloorCase(texts) },
  ],
  ROUNDS,
);
const solo = soloRates(2);
const rate = (label: string): number => rates.get(label)?.wall ?? Number.NaN;
const cpuRate = (label: string): number => rates.get(label)?.cpu ?? Number.NaN;
const ours = { label: LABELS.ours, perSecond: rate(LABELS.ours) };
const bpmn = { label: LABELS.bpmn, perSecond: rate(LABELS.bpmn) };
const handActor = { label: LABELS.handActor, perSecond: rate(LABELS.handActor) };
const handPure = { label: LABELS.handPure, perSecond: rate(LABELS.handPure) };

const oursHeap = await heapPer(PARKED, (i) => parkTongban(def, `p${i}`));
const bpmnHeap = await heapPer(Math.min(PARKED, 300), async (i) => (await parkBpmnEngine(`q${i}`)).engine);
const handHeap = await heapPer(PARKED, () => {
  const a: AnyActorRef = createActor(handMachine).start();
  a.send({ type: 'accept' });
  return a;
});

const oursSnapshot = parkTongban(def, 'size-1').length;
const bpmnState = (await parkBpmnEngine('size-2')).state.length;
const handSnapshot = (() => {
  const a = createActor(handMachine).start();
  a.send({ type: 'accept' });
  return JSON.stringify(a.getPersistedSnapshot()).length;
})();

const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
const rows = [
  ['engine', 'cases/s', 'heap per parked case', 'persisted state'],
  [ours.label, ours.perSecond.toFixed(0), kb(oursHeap), `${oursSnapshot} B`],
  [bpmn.label, bpmn.perSecond.toFixed(0), kb(bpmnHeap), `${bpmnState} B`],
  [handActor.label, handActor.perSecond.toFixed(0), kb(handHeap), `${handSnapshot} B`],
  [handPure.label, handPure.perSecond.toFixed(0), '—', '—'],
  [LABELS.floor, rate(LABELS.floor).toFixed(0), '—', '—'],
];
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
console.log('');
console.log(
  `tongban / bpmn-engine throughput:            ${(ours.perSecond / bpmn.perSecond).toFixed(1)}×  (target ≥ 30×)`,
);
console.log(
  `tongban / hand-written xstate (actor):       ${(ours.perSecond / handActor.perSecond).toFixed(2)}×  (target ≥ 0.5×)`,
);
console.log(
  `tongban / hand-written xstate (pure + JSON): ${(ours.perSecond / handPure.perSecond).toFixed(2)}×`,
);
console.log(
  `same, per CPU-second of this process:        ${(cpuRate(LABELS.ours) / cpuRate(LABELS.bpmn)).toFixed(1)}× bpmn-engine, ${(cpuRate(LABELS.ours) / cpuRate(LABELS.handActor)).toFixed(2)}× hand-written (actor)`,
);
const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const soloOurs = median(solo.ours.map((r) => r.cpu));
const soloHand = median(solo.handActor.map((r) => r.cpu));
console.log(
  `each alone in its own process (CPU time, median of ${solo.ours.length}): tongban ${soloOurs.toFixed(0)} cases/s, hand-written actor ${soloHand.toFixed(0)} cases/s: ${(soloOurs / soloHand).toFixed(2)}×`,
);
const budget = 1e6 / (0.5 * handActor.perSecond);
const floorMicros = 1e6 / rate(LABELS.floor);
console.log(
  `at 0.5× the hand-written actor a case may take ${budget.toFixed(0)} µs; our snapshots' JSON round trip alone takes ${floorMicros.toFixed(0)} µs of it (${((100 * floorMicros) / budget).toFixed(0)}%), ours whole ${(1e6 / ours.perSecond).toFixed(0)} µs`,
);
console.log(
  `tongban heap per parked case: ${kb(oursHeap)} (target ≤ 10 KB); snapshot ${oursSnapshot} B (target ≤ 2 KB)`,
);
console.log(`N=${N}, parked=${PARKED}, node ${process.version}`);
