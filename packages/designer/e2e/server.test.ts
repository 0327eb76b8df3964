/**
 * The designer on a `tongban serve` (issue 20, item 11), in real Chromium over real HTTP: the
 * designer served at /designer/ shares the console's sign-in (dev-login here), opens a definition
 * from the server, deploys an edit as a new version, shows the server's diagnostics at their
 * element, and a department's staff is refused.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, hasChromium, launchBrowser, REPO_DIR } from './harness.js';
import { type DesignerServer, startDesignerServer } from './server-harness.js';
import { clickShape, fillField, selectField, validated } from './steps.js';

const title = hasChromium
  ? 'designer on a tongban serve, in headless Chromium'
  : 'designer on a tongban serve (skipped: /usr/bin/chromium not found)';

const result = (page: Page) => page.locator('[data-testid="server-result"]');

describe.skipIf(!hasChromium)(title, () => {
  let server: DesignerServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startDesignerServer();
    browser = await launchBrowser();
    page = browser.page;
    page.on('dialog', (dialog) => void dialog.accept());
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs in through the console, opens a definition from the server, deploys an edit as version 2', async () => {
    await page.goto(server.designer);
    await validated(page);
    // No session in this tab yet: the designer offers the console's sign-in, which comes back here.
    await page.click('[data-action="server-sign-in"]');
    await page.locator('button[data-role="admin"]').click();
    await page.waitForURL(server.designer);
    await expect.poll(() => page.locator('[data-testid="server-user"]').textContent()).toBe('管理员 管理员');

    await page.click('[data-action="server-open"]');
    const row = page.locator('[data-testid="server-definitions"] tr[data-process-id="ConstructionPermit"]');
    await expect.poll(() => row.count()).toBe(1);
    await row.locator('[data-action="server-open-version"]').click();
    await page.locator('.djs-shape[data-element-id="FireReview"]').waitFor();
    await expect.poll(() => validated(page)).toBe('ok');
    await expect.poll(() => result(page).textContent()).toBe('已从服务器打开 ConstructionPermit 第 1 版');

    // An edit a person makes: the review's time limit. Deployed, it is the process's next version.
    await clickShape(page, 'FireReview');
    await fillField(page, 'tb-timeLimit', '8');
    await expect.poll(() => validated(page)).toBe('ok');
    await page.click('[data-action="server-deploy"]');
    await expect.poll(() => result(page).getAttribute('data-version')).toBe('2');
    const hash = (await result(page).getAttribute('data-hash')) ?? '';
    await expect
      .poll(() => result(page).textContent())
      .toBe(`已部署：ConstructionPermit 第 2 版（${hash.slice(0, 12)}）`);
    expect((await server.definitions()).map((d) => [d.processId, d.version, d.hash, d.diagram])).toEqual([
      ['ConstructionPermit', 1, expect.any(String), true],
      ['ConstructionPermit', 2, hash, true],
    ]);
    // The designer's list shows it too, newest first.
    await page.click('[data-action="server-open"]');
    await expect
      .poll(() =>
        page
          .locator('[data-testid="server-definitions"] tbody tr')
          .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-version'))),
      )
      .toEqual(['2', '1']);
    await page.click('[data-action="server-close"]');
  });

  it("shows the server's diagnostics at their element, in the page's language", async () => {
    await clickShape(page, 'FireReview');
    await selectField(page, 'tb-department', '');
    await expect.poll(() => validated(page)).toBe('problems');
    await page.click('[data-action="server-deploy"]');
    await expect.poll(() => result(page).getAttribute('data-code')).toBe('INVALID_DEFINITION');
    const row = page.locator(
      '[data-testid="server-problems"] .tb-problem[data-element-id="FireReview"][data-code="MISSING_DEPARTMENT"]',
    );
    await expect.poll(() => row.count()).toBe(1);
    // Worded in Chinese, naming the task as the designer does (its name, not its id).
    await expect.poll(() => row.locator('.tb-problem-message').textContent()).toContain('消防审查');
    await expect.poll(() => page.locator('.tb-badge-server[data-element-id="FireReview"]').count()).toBe(1);
    await page.locator('[data-testid="problems"]').waitFor();
    await page.screenshot({ path: join(REPO_DIR, 'docs', 'img', 'designer-deploy.png') });
    // A click on the server's problem selects its element, as a local problem's does.
    await clickShape(page, 'Accept');
    await row.click();
    await expect
      .poll(() =>
        page.evaluate(() =>
          (
            window as unknown as { tongban: { modeler: { get(n: string): { get(): { id: string }[] } } } }
          ).tongban.modeler
            .get('selection')
            .get()
            .map((e) => e.id),
        ),
      )
      .toEqual(['FireReview']);
    // The next edit makes the server's answer stale: it goes.
    await selectField(page, 'tb-department', '消防救援支队');
    await expect.poll(() => row.count()).toBe(0);
    expect((await server.definitions()).length).toBe(2);
  });

  it("links the console's administrators to the designer, still signed in", async () => {
    await page.goto(`${server.url}/#/board`);
    await page.locator('[data-action="designer"]').click();
    await page.waitForURL(server.designer);
    await expect
      .poll(() => page.locator('[data-testid="server-user"]').getAttribute('data-kind'))
      .toBe('admin');
  });

  it("refuses a department's staff: only administrators deploy", async () => {
    // A new tab has its own session: sign in there as staff, as the console would.
    const staff = await browser.context.newPage();
    try {
      await staff.goto(`${server.url}/#/login`);
      await staff.locator('button[data-role="staff"]').click();
      await staff.locator('[data-action="sign-out"]').waitFor();
      // The console offers the designer to administrators only.
      expect(await staff.locator('[data-action="designer"]').count()).toBe(0);
      await staff.goto(server.designer);
      await validated(staff);
      await expect
        .poll(() => staff.locator('[data-testid="server-user"]').getAttribute('data-kind'))
        .toBe('staff');
      await staff.click('[data-action="server-deploy"]');
      await expect.poll(() => result(staff).getAttribute('data-code')).toBe('FORBIDDEN');
      await expect
        .poll(() => result(staff).textContent())
        .toBe('只有管理员可以部署流程；当前登录身份是部门工作人员。');
      expect((await server.definitions()).length).toBe(2);
    } finally {
      await staff.close();
    }
  });
});
