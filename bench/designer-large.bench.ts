/**
 * Large models in the designer (issue 20, item 10): open + validate at about 500, 1,500 and 3,000
 * elements against a bare bpmn-js modeler opening the same diagram in the same page (interleaved,
 * alternating which goes first), and the feedback after an edit. Targets: designer / bare ≤ 1.3 at
 * 3,000 elements; feedback after an edit < 100 ms. Prints a table; asserts nothing.
 *
 * Timed in the page:
 * - open + validate: from the designer's `open(xml)` until the diagram is drawn (next frame
 *   painted) and the engine's diagnostics are on screen; bare: bpmn-js `importXML` + fit + paint.
 * - captions drawn: from the same start until the who-does-what captions, drawn in slices after the
 *   diagram is shown, are all on the tasks (painted).
 * - check after an edit: a task renamed through bpmn-js' modeling service, then the engine's
 *   check and its diagnostics on screen (`validation.runNow()` + paint).
 * - edit → shown: the same, as a person sees it, through the live validation's own scheduling: a
 *   lone edit is checked at once; edits within 200 ms of the last check (typing) wait that pause.
 *
 *   pnpm exec tsx --conditions=@tongban/source bench/designer-large.bench.ts
 *
 * RUNS (default 5) sets the runs per size; STAGES (default 5,15,30) the sizes.
 */
import { readFileSync } from 'node:fs';
import { hasChromium } from '../packages/designer/e2e/harness.js';
import { generate, openDesignerPage } from './designer-diagram.js';

// STAGES=30 measures one size: 33 departments a stage, so 5, 15 and 30 stages are about 500, 1,500
// and 3,000 elements.
const SIZES = (process.env.STAGES ?? '5,15,30').split(',').map(Number);
const RUNS = Number(process.env.RUNS ?? 5);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

if (!hasChromium) {
  console.log('designer large-model benchmark skipped: /usr/bin/chromium not found');
  process.exit(0);
}

const { page, browser, server } = await openDesignerPage();
const rows: string[] = [];
try {
  await page.evaluate(() => {
    type Ctor = new (options: { container: HTMLElement }) => unknown;
    const designer = (window as unknown as { tongban: { modeler: { constructor: Ctor } } }).tongban;
    const canvas = document.querySelector<HTMLElement>('.tb-canvas')!.getBoundingClientRect();
    const host = document.createElement('div');
    host.id = 'bare-bpmn-js';
    host.style.cssText = `position:fixed;left:${canvas.left}px;top:${canvas.top}px;width:${canvas.width}px;height:${canvas.height}px;background:#fff;z-index:100;display:none`;
    document.body.append(host);
    (window as unknown as { bare: unknown }).bare = new designer.modeler.constructor({ container: host });
    // Nothing asks before opening the next diagram in a benchmark.
    window.confirm = () => true;
  });
  const small = generate(0, 0).xml;
  console.log(
    `designer with large models: ${RUNS} runs per size (plus one warm-up), median; load ${loadavg()}`,
  );
  for (const stages of SIZES) {
    const { xml, elements } = generate(stages, 33);
    const rounds: { designer: number; captions: number; bare: number; check: number; shown: number }[] = [];
    for (let run = 0; run < RUNS + 1; run++) {
      const timing = await page.evaluate(
        async ({ big, little, bareFirst, run }) => {
          type Designer = {
            open(xml: string, name: string): Promise<boolean>;
            modeler: { get(name: string): unknown };
            validation: { runNow(): Promise<{ ok: boolean; diagnostics: unknown[] }> };
          };
          type Bare = { importXML(xml: string): Promise<unknown>; get(name: string): unknown };
          const designer = (window as unknown as { tongban: Designer }).tongban;
          const bare = (window as unknown as { bare: Bare }).bare;
          const host = document.getElementById('bare-bpmn-js')!;
          const painted = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
          const rename = (name: string) => {
            const registry = designer.modeler.get('elementRegistry') as { get(id: string): unknown };
            const modeling = designer.modeler.get('modeling') as {
              updateProperties(e: unknown, p: Record<string, unknown>): void;
            };
            modeling.updateProperties(registry.get('Accept'), { name });
          };
          const timeDesigner = async () => {
            host.style.display = 'none';
            await designer.open(little, 'small.bpmn');
            await painted();
            const t0 = performance.now();
            if (!(await designer.open(big, 'bench.bpmn'))) throw new Error('open failed');
            await painted();
            const t1 = performance.now();
            // The who-does-what captions are drawn in slices after the diagram is shown.
            const captions = designer.modeler.get('whoDoesWhatRenderer') as { drawn(): Promise<void> };
            await captions.drawn();
            await painted();
            const t1b = performance.now();
            // The generated stages have no lead (a STAGE_LEADS warning each): warnings, no error.
            const state = document.querySelector<HTMLElement>('[data-testid="status"]')?.dataset.state;
            if (state === 'error') throw new Error('the generated model has errors');
            rename(`受理 ${run}`);
            const t2 = performance.now();
            await designer.validation.runNow();
            await painted();
            const t3 = performance.now();
            // A person's next edit, after a pause longer than the live validation's (a lone edit).
            await new Promise((done) => setTimeout(done, 300));
            rename(`受理 ${run}′`);
            const t4 = performance.now();
            await new Promise<void>((done) => {
              const poll = () =>
                document.body.dataset.validation !== 'pending' ? done() : setTimeout(poll, 2);
              poll();
            });
            await painted();
            const t5 = performance.now();
            return { designer: t1 - t0, captions: t1b - t0, check: t3 - t2, shown: t5 - t4 };
          };
          const timeBare = async () => {
            host.style.display = 'block';
            await bare.importXML(little);
            await painted();
            const t0 = performance.now();
            await bare.importXML(big);
            (bare.get('canvas') as { zoom(level: string): void }).zoom('fit-viewport');
            await painted();
            const t1 = performance.now();
            host.style.display = 'none';
            return t1 - t0;
          };
          if (bareFirst) {
            const reference = await timeBare();
            return { ...(await timeDesigner()), bare: reference };
          }
          const measured = await timeDesigner();
          return { ...measured, bare: await timeBare() };
        },
        { big: xml, little: small, bareFirst: run % 2 === 1, run },
      );
      if (run > 0) rounds.push(timing);
    }
    const d = median(rounds.map((r) => r.designer));
    const b = median(rounds.map((r) => r.bare));
    rows.push(
      `| ${elements} | ${d.toFixed(0)} ms | ${b.toFixed(0)} ms | ${(d / b).toFixed(2)} | ${median(rounds.map((r) => r.captions)).toFixed(0)} ms | ${median(rounds.map((r) => r.check)).toFixed(0)} ms | ${median(rounds.map((r) => r.shown)).toFixed(0)} ms |`,
    );
    console.log(rows.at(-1));
  }
} finally {
  await browser.close();
  await server.close();
}
console.log('');
console.log(
  '| elements | designer open + validate | bare bpmn-js open | ratio (target ≤ 1.3) | captions drawn | check after an edit (target < 100 ms) | edit → shown (a lone edit) |',
);
console.log('|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
console.log(`load average after: ${loadavg()}`);
