import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browser,
  buildDesigner,
  hasChromium,
  launchBrowser,
  REPO_DIR,
  type StaticServer,
  serveStatic,
} from './harness.js';

/** The BPMN Model Interchange Working Group's test files, kept beside the repository (never copied in). */
const CORPUS = resolve(REPO_DIR, '..', 'shared', 'corpus', 'miwg');
const FOLDERS = ['reference', 'bpmn-io-export'];

function corpusFiles(): string[] {
  return FOLDERS.flatMap((folder) => {
    const dir = join(CORPUS, folder);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((name) => name.endsWith('.bpmn'))
      .sort()
      .map((name) => join(dir, name));
  });
}

interface IdCensus {
  /** Ids of semantic elements (everything outside bpmndi:BPMNDiagram). */
  readonly semantic: string[];
  /** Ids of diagram elements bpmn-js can show: those whose bpmnElement is drawn on the diagram's plane. */
  readonly displayable: string[];
  /** Ids of diagram elements it cannot: no bpmnElement, or one in a process no pool of the plane shows. */
  readonly undisplayable: string[];
}

/**
 * Reads the ids of a BPMN document with the browser's XML parser (so CDATA and comments are not
 * mistaken for elements).
 */
function census(xml: string): IdCensus {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const all = [...doc.getElementsByTagNameNS('*', '*')];
  const byId = new Map(all.filter((e) => e.getAttribute('id')).map((e) => [e.getAttribute('id')!, e]));
  const inDiagram = (e: Element) => e.closest('BPMNDiagram') !== null || e.localName === 'BPMNDiagram';
  const semantic: string[] = [];
  const displayable: string[] = [];
  const undisplayable: string[] = [];
  for (const element of all) {
    const id = element.getAttribute('id');
    if (!id) continue;
    if (!inDiagram(element)) {
      semantic.push(id);
      continue;
    }
    const referenced = element.getAttribute('bpmnElement');
    if (referenced === null && element.localName !== 'BPMNDiagram' && element.localName !== 'BPMNPlane') {
      if (element.localName === 'BPMNShape' || element.localName === 'BPMNEdge') {
        undisplayable.push(id);
        continue;
      }
    }
    // Which processes the element's plane shows: its own process, or the processes of the pools
    // of its collaboration.
    const plane = element.closest('BPMNPlane');
    const root = plane ? byId.get(plane.getAttribute('bpmnElement') ?? '') : undefined;
    const shown = new Set<string>();
    if (root?.localName === 'process') shown.add(root.getAttribute('id')!);
    if (root?.localName === 'collaboration') {
      for (const pool of root.getElementsByTagNameNS('*', 'participant')) {
        shown.add(pool.getAttribute('processRef') ?? '');
      }
    }
    const target = referenced ? byId.get(referenced) : undefined;
    const process = target?.closest('process');
    const hidden = root?.localName === 'collaboration' && process && !shown.has(process.getAttribute('id')!);
    (hidden ? undisplayable : displayable).push(id);
  }
  return { semantic, displayable, undisplayable };
}

const files = hasChromium ? corpusFiles() : [];
const title = !hasChromium
  ? 'MIWG round trip (skipped: /usr/bin/chromium not found)'
  : files.length === 0
    ? `MIWG round trip (skipped: no corpus at ${CORPUS})`
    : 'MIWG round trip: open every file and save it back without losing elements';

describe.skipIf(files.length === 0)(title, () => {
  let server: StaticServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await serveStatic(await buildDesigner());
    browser = await launchBrowser();
    page = browser.page;
    await page.goto(server.url);
    await page.locator('.djs-palette').waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens a file through the open dialog', async () => {
    const file = files[0]!;
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.click('[data-action="open"]'),
    ]);
    await chooser.setFiles(file);
    await page.locator('[data-testid="file-name"]', { hasText: file.split('/').pop()! }).waitFor();
    await expect(page.locator('.djs-shape').count()).resolves.toBeGreaterThan(1);
  });

  it('opens a file dropped on the canvas', async () => {
    const file = files[1]!;
    const name = file.split('/').pop()!;
    const transfer = await page.evaluateHandle(
      ({ text, name }) => {
        const data = new DataTransfer();
        data.items.add(new File([text], name, { type: 'application/xml' }));
        return data;
      },
      { text: readFileSync(file, 'utf8'), name },
    );
    await page.dispatchEvent('.tb-canvas', 'dragover', { dataTransfer: transfer });
    await page.dispatchEvent('.tb-canvas', 'drop', { dataTransfer: transfer });
    await page.locator('[data-testid="file-name"]', { hasText: name }).waitFor();
  });

  it.each(files.map((file) => [file.slice(CORPUS.length + 1), file]))(
    'round-trips %s',
    async (_name, file) => {
      const original = readFileSync(file, 'utf8');
      const saved = await page.evaluate(async (xml) => {
        const designer = (
          window as unknown as {
            tongban: { open(x: string, n: string): Promise<boolean>; saveXML(): Promise<string> };
          }
        ).tongban;
        if (!(await designer.open(xml, 'miwg.bpmn'))) {
          throw new Error(document.querySelector('.tb-status')?.textContent ?? 'open failed');
        }
        return designer.saveXML();
      }, original);
      const before = await page.evaluate(census, original);
      const after = await page.evaluate(census, saved);
      expect(before.semantic.length).toBeGreaterThan(0);
      const kept = new Set([...after.semantic, ...after.displayable, ...after.undisplayable]);
      expect(
        before.semantic.filter((id) => !kept.has(id)),
        'semantic elements lost',
      ).toEqual([]);
      expect(
        before.displayable.filter((id) => !kept.has(id)),
        'diagram elements lost',
      ).toEqual([]);
    },
  );

  it('has no page errors', () => {
    expect(browser.errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  });
});
