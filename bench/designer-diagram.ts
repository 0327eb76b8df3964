/** The generated diagram of the designer benchmark and profile (a large parallel approval), and the page they open it in. */
import {
  type Browser,
  buildDesigner,
  launchBrowser,
  type StaticServer,
  serveStatic,
} from '../packages/designer/e2e/harness.js';
import { generate } from '../packages/designer/e2e/large-diagram.js';

export { generate };

/** 5 stages × 33 departments (one of them the stage's lead): 4 + 5×35 = 179 flow nodes and 3 + 5×67 = 338 sequence flows, 517 elements. */
export const benchDiagram = (): { xml: string; elements: number } => generate(5, 33);

/** Builds and serves the designer, opens it in Chromium, and waits until its first validation is shown. */
export async function openDesignerPage(): Promise<{
  page: Browser['page'];
  browser: Browser;
  server: StaticServer;
}> {
  const server = await serveStatic(await buildDesigner());
  const browser = await launchBrowser();
  const page = browser.page;
  await page.goto(server.url);
  await page.waitForFunction(() => ['ok', 'problems'].includes(document.body.dataset.validation ?? ''));
  // tsx keeps function names with an `__name` helper that the page does not have.
  await page.evaluate('globalThis.__name = (fn) => fn');
  return { page, browser, server };
}
