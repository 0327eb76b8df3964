import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  type Browser,
  type ConsoleServer,
  hasChromium,
  LEAD,
  LEAD_STAFF,
  launchBrowser,
  PERMIT_XML,
  signIn,
  startConsoleServer,
} from './harness.js';

const title = hasChromium
  ? 'console draws a model deployed through the server (headless Chromium)'
  : 'console draws a model deployed through the server (skipped: /usr/bin/chromium not found)';

// A process no folder of the server holds: only the drawing kept at deployment can draw it.
const PILOT_XML = PERMIT_XML.replaceAll('"ConstructionPermit"', '"ConstructionPermitPilot"');

describe.skipIf(!hasChromium)(title, () => {
  let server: ConsoleServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startConsoleServer();
    await server.api('/api/v1/definitions', { kind: 'admin', sub: 'admin' }, PILOT_XML);
    const started = await server.api<{ case: { openTasks: { id: string }[] } }>('/api/v1/cases', LEAD_STAFF, {
      processId: 'ConstructionPermitPilot',
      caseId: 'PILOT-2026-0001',
      variables: { projectName: '试点工程' },
    });
    const accept = started.case.openTasks[0];
    if (accept === undefined) throw new Error('the pilot case opened no task');
    await server.api('/api/v1/cases/PILOT-2026-0001/commands', LEAD_STAFF, {
      type: 'completeTask',
      taskId: accept.id,
      department: LEAD,
      opinion: '予以受理',
    });
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("the case page draws the case's own deployed version, kept by the server, with its lights", async () => {
    const page = await browser.newPage();
    await signIn(page, server.url, 'supervisor');
    await page.goto(`${server.url}/#/cases/PILOT-2026-0001`);
    // Waits for bpmn-js to draw the kept XML and the light overlays to be placed.
    await page
      .locator('.tb-overlay[data-element-id="Accept"][data-light="done"]')
      .waitFor({ timeout: 60_000 });
    await page.locator('.djs-shape[data-element-id="PlanningReview"]').waitFor();
  });
});
