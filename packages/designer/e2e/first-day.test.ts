import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browser,
  buildDesigner,
  hasChromium,
  launchBrowser,
  type StaticServer,
  screenshot,
  serveStatic,
} from './harness.js';
import { clickShape, fillField, selectedIds, validated } from './steps.js';

/**
 * Issue 20: a process designer's first day. One browser and one page for the whole file; each
 * test opens the construction-permit example (answering the 放弃修改? question when it comes).
 */
const title = hasChromium
  ? "a process designer's first day in headless Chromium"
  : "a process designer's first day (skipped: /usr/bin/chromium not found)";

const EXAMPLE = 'construction-permit/construction-permit.bpmn';

type Tongban = {
  modeler: { get(name: string): unknown };
  dirty: boolean;
};

/** Opens the example from the toolbar; any 放弃修改? question is answered yes. */
async function openExample(page: Page): Promise<void> {
  await page.selectOption('[data-action="examples"]', EXAMPLE);
  await page.locator('.djs-shape[data-element-id="FireReview"]').waitFor();
  await validated(page);
}

/** Edits the model through bpmn-js' modeling service, as the properties panel would. */
async function edit(page: Page, changes: Record<string, Record<string, string | undefined>>): Promise<void> {
  await page.evaluate((all) => {
    const t = (window as unknown as { tongban: Tongban }).tongban;
    const registry = t.modeler.get('elementRegistry') as { get(id: string): { businessObject: unknown } };
    const modeling = t.modeler.get('modeling') as {
      updateModdleProperties(e: unknown, bo: unknown, props: Record<string, unknown>): void;
    };
    for (const [id, props] of Object.entries(all)) {
      const element = registry.get(id);
      modeling.updateModdleProperties(element, element.businessObject, props);
    }
  }, changes);
}

const problem = (page: Page, code: string, id: string) =>
  page.locator(`.tb-problem[data-code="${code}"][data-element-id="${id}"]`);

async function setAcceptance(page: Page, date: string): Promise<void> {
  await page.click('[data-tab="preview"]');
  await page.fill('[data-testid="acceptance-date"]', date);
  await page.dispatchEvent('[data-testid="acceptance-date"]', 'change');
}

describe.skipIf(!hasChromium)(title, () => {
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    server = await serveStatic(await buildDesigner());
    browser = await launchBrowser();
    page = browser.page;
    page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.accept();
    });
    await page.goto(server.url);
    await page.locator('.djs-palette').waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('says what is wrong in Chinese, all at once, and a click opens the panel field', async () => {
    await openExample(page);
    // A task without a department, a co-handler without a limit, limits past the promise, and an
    // unnamed flow without a condition.
    await edit(page, {
      Decide: { 'tb:department': undefined },
      PlanningReview: { 'tb:timeLimit': undefined },
      LeadReview: { 'tb:timeLimit': '20' },
      Flow_Deny: { name: undefined, conditionExpression: undefined },
    });
    await expect(validated(page)).resolves.toBe('problems');
    await expect(problem(page, 'MISSING_DEPARTMENT', 'Decide').textContent()).resolves.toContain(
      '审批决定：没有指定办理部门。请在属性面板“办理部门”中选择',
    );
    // The unnamed flow is named by its ends, not by its id.
    await expect(problem(page, 'MISSING_CONDITION', 'Flow_Deny').textContent()).resolves.toContain(
      '决定 → 不予许可：这条分支没有条件',
    );
    // The structural problem does not wait for the missing department to be fixed.
    await expect(problem(page, 'MISSING_CONDITION', 'Flow_Deny').count()).resolves.toBe(1);
    // No English sentence in the list.
    const messages = await page.locator('.tb-problem-message').allTextContents();
    for (const text of messages) expect(text).not.toMatch(/[A-Za-z]{5,} [a-z]{3,}/);

    await problem(page, 'MISSING_DEPARTMENT', 'Decide').click();
    await expect(selectedIds(page)).resolves.toEqual(['Decide']);
    await page.locator('[data-entry-id="tb-department"].tb-field-flagged').waitFor();
    await screenshot(page, 'designer-problems');
  });

  it('warns about the matter: limits past the promise, a stage without a lead, a co-handler without a limit', async () => {
    await openExample(page);
    await edit(page, {
      PlanningReview: { 'tb:timeLimit': undefined },
      LeadReview: { 'tb:timeLimit': '20', 'tb:role': 'co' },
    });
    await expect(validated(page)).resolves.toBe('problems');
    await expect(
      problem(page, 'LIMITS_EXCEED_PROMISE', 'ConstructionPermit').textContent(),
    ).resolves.toContain('23 个工作日，超过事项承诺办结时限 15 个工作日');
    await expect(problem(page, 'STAGE_LEADS', 'Fork').textContent()).resolves.toContain('0 个牵头部门任务');
    await expect(problem(page, 'CO_STAGE_NO_LIMIT', 'PlanningReview').count()).resolves.toBe(1);
    // Warnings, not errors: the model still compiles.
    await expect(page.locator('[data-testid="status"]').getAttribute('data-state')).resolves.toBe('warning');
    // The matter's warning opens the process' promised limit.
    await problem(page, 'LIMITS_EXCEED_PROMISE', 'ConstructionPermit').click();
    await page.locator('[data-entry-id="tb-promisedLimit"].tb-field-flagged').waitFor();
  });

  it('accepts ２ as 2 and hints at working hours for 0.5', async () => {
    await clickShape(page, 'FireReview');
    await fillField(page, 'tb-timeLimit', '０.５');
    await expect
      .poll(() => page.locator('[data-entry-id="tb-timeLimit"] .bio-properties-panel-error').textContent())
      .toContain('工作小时');
    await fillField(page, 'tb-timeLimit', '２');
    await expect
      .poll(() =>
        page.evaluate(() => {
          const t = (window as unknown as { tongban: Tongban }).tongban;
          const registry = t.modeler.get('elementRegistry') as {
            get(id: string): { businessObject: { get(n: string): unknown } };
          };
          return registry.get('FireReview').businessObject.get('tb:timeLimit');
        }),
      )
      .toBe('2');
    // Who does what is on the task itself.
    await expect(
      page.locator('.djs-shape[data-element-id="FireReview"] text.tb-who-role').textContent(),
    ).resolves.toBe('协办部门 · 2 个工作日');
  });

  it('asks before 新建 drops unsaved work, keeps it through a reload and names the file after the matter', async () => {
    dialogs.length = 0;
    await expect(
      page.evaluate(() => (window as unknown as { tongban: Tongban }).tongban.dirty),
    ).resolves.toBe(true);
    // Decline this once: the work stays.
    page.removeAllListeners('dialog');
    page.once('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.click('[data-action="new"]');
    await expect.poll(() => dialogs.length).toBe(1);
    expect(dialogs[0]).toContain('未保存');
    await expect(page.locator('.djs-shape[data-element-id="FireReview"]').count()).resolves.toBe(1);
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });

    // Kept in localStorage; after a reload the page offers it back.
    // The designer keeps the work after a 1 s pause in the editing, then in idle time.
    await expect
      .poll(
        () => page.evaluate(() => localStorage.getItem('tongban.designer.autosave')?.includes('FireReview')),
        { message: 'waits for the designer to autosave the edited diagram to localStorage' },
      )
      .toBe(true);
    await page.reload();
    await page.locator('[data-testid="restore"]').waitFor();
    await page.click('[data-action="restore"]');
    await page.locator('.djs-shape[data-element-id="FireReview"]').waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="save"]')]);
    expect(download.suggestedFilename()).toBe('建筑工程施工许可证核发.bpmn');
    expect(await readFile(await download.path(), 'utf8')).toContain('tb:timeLimit="2"');
  });

  it('fits the diagram, shows the zoom, and keeps a selection clicked again', async () => {
    const before = await page.locator('[data-testid="zoom"]').textContent();
    expect(before).toMatch(/^\d+%$/);
    await page.mouse.move(700, 300);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -300);
    await page.keyboard.up('Control');
    await expect.poll(() => page.locator('[data-testid="zoom"]').textContent()).not.toBe(before);
    await page.click('[data-action="fit"]');
    await expect.poll(() => page.locator('[data-testid="zoom"]').textContent()).toBe(before);
    await clickShape(page, 'Accept');
    await clickShape(page, 'Accept');
    await expect(selectedIds(page)).resolves.toEqual(['Accept']);
  });

  it('steers a dry run: 不同意 runs 驳回, the deny branch ends at 不予许可, the path and lights show', async () => {
    await openExample(page);
    await setAcceptance(page, '2026-02-09');
    await page.click('[data-tab="dryRun"]');
    await page.fill('[data-testid="dry-variables"]', 'needPermit=true, area=1200');
    await page.click('[data-action="dry-start"]');
    const rows = page.locator('[data-testid="dry-tasks"] tr');
    const row = (id: string) => page.locator(`[data-testid="dry-tasks"] tr[data-element-id="${id}"]`);
    await row('Accept').waitFor();
    await expect(page.locator('[data-variable="needPermit"]').textContent()).resolves.toBe('needPermittrue');
    await page.fill('[data-testid="dry-variables"]', '');

    const toDecide = async () => {
      await row('Accept').locator('[data-outcome="approve"]').click();
      await expect.poll(() => rows.count()).toBe(4);
      for (const id of ['LeadReview', 'PlanningReview', 'FireReview', 'AirDefenceReview']) {
        await row(id).locator('[data-outcome="approve"]').click();
      }
      await row('Decide').waitFor();
    };
    await toDecide();
    // 不同意 is 驳回: the case goes back, never to 准予许可.
    await row('Decide').locator('[data-op="reject"]').click();
    await page.locator('[data-testid="dry-events"] li[data-type="task.rejected"]').waitFor();
    await expect(page.locator('[data-testid="dry-end"]').count()).resolves.toBe(0);
    await expect(page.locator('[data-testid="dry-events"]').textContent()).resolves.toContain('驳回');

    // The model's own branch: 不予许可 (outcome "deny") ends there, and the canvas shows the way.
    await page.click('[data-action="dry-start"]');
    await toDecide();
    await row('Decide').locator('[data-outcome="deny"]').click();
    await expect(page.locator('[data-testid="dry-end"]').textContent()).resolves.toContain('不予许可');
    await expect(page.locator('.tb-dry-choice[data-element-id="Outcome"]').textContent()).resolves.toBe(
      '→ 不予许可',
    );
    await expect(
      page.locator('.djs-connection.tb-dry-taken[data-element-id="Flow_Deny"]').count(),
    ).resolves.toBe(1);
    await expect(
      page.locator('.djs-connection.tb-dry-taken[data-element-id="Flow_Approve"]').count(),
    ).resolves.toBe(0);
    await screenshot(page, 'designer-dry-run-path');

    // Every operation of the engine is in the form: 特别程序 on 消防审查.
    await page.click('[data-action="dry-start"]');
    await row('Accept').locator('[data-outcome="approve"]').click();
    await row('FireReview').locator('[data-op="more"]').click();
    await page.selectOption('[data-testid="dry-operation"]', 'startSpecialProcedure');
    const options = await page.locator('[data-testid="dry-operation"] option').allTextContents();
    for (const name of [
      '驳回 / 退回',
      '补正（一次性告知）',
      '转办',
      '加签',
      '撤回 / 拿回（已办结的环节）',
      '挂起办件',
      '延期',
    ]) {
      expect(options).toContain(name);
    }
    await page.selectOption('[data-testid="dry-operation-task"]', { label: '消防审查 · 消防救援支队' });
    await page.click('[data-action="dry-run-operation"]');
    await page.locator('[data-testid="dry-events"] li[data-type="task.specialProcedureStarted"]').waitFor();
    await expect(page.locator('[data-testid="dry-error"]').count()).resolves.toBe(0);

    // Lights: ten working days on (春节 in between), the 7-day co-handlers are red on the canvas
    // and in the list.
    for (let day = 0; day < 10; day++) await page.click('[data-action="dry-advance"]');
    await expect.poll(() => row('PlanningReview').getAttribute('data-light')).toBe('red');
    await expect(
      page.locator('.djs-shape.tb-dry-light-red[data-element-id="PlanningReview"]').count(),
    ).resolves.toBe(1);
    await expect(
      page.locator('.tb-dry-label[data-element-id="PlanningReview"]').textContent(),
    ).resolves.toMatch(/^红灯 · 截止 2026-02-25 · 已逾期 \d+ 个工作日$/);
    await expect(row('PlanningReview').locator('[data-field="due"]').textContent()).resolves.toContain(
      '截止 2026-02-25',
    );
    await screenshot(page, 'designer-dry-run-lights');
  });

  it('marks dates past the holiday data as provisional, explains it, and loads an agency overlay', async () => {
    await openExample(page);
    await setAcceptance(page, '2026-12-15');
    const due = page.locator('[data-testid="preview-case"] [data-field="due"]');
    await expect(due.textContent()).resolves.toContain('暂定');
    await expect(page.locator('[data-testid="preview-provisional"]').textContent()).resolves.toContain(
      '超出了节假日数据覆盖的年份',
    );
    await expect(page.locator('[data-testid="preview-horizon"]').textContent()).resolves.toContain('2026 年');
    // The dry run goes on past the data, in Chinese, marked.
    await page.click('[data-tab="dryRun"]');
    await page.click('[data-action="dry-start"]');
    await page
      .locator('[data-testid="dry-tasks"] tr[data-element-id="Accept"] [data-outcome="approve"]')
      .click();
    await page.locator('[data-testid="dry-provisional"]').waitFor();
    await expect(page.locator('[data-testid="dry-error"]').count()).resolves.toBe(0);
    await expect(page.locator('[data-testid="dry-operations"]').textContent()).resolves.not.toContain(
      'CALENDAR_HORIZON',
    );

    await page.click('[data-tab="preview"]');
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.click('[data-action="calendar-overlay"]'),
    ]);
    await chooser.setFiles({
      name: 'cn-2027.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({
          name: 'CN',
          extends: 'CN',
          lastYear: 2027,
          holidays: { '2027-01-01': '元旦' },
        }),
      ),
    });
    await expect.poll(() => page.locator('[data-testid="overlay-status"]').textContent()).toContain('CN');
    await expect.poll(() => due.textContent()).not.toContain('暂定');
    await expect(page.locator('[data-testid="preview-holidays"]').textContent()).resolves.toContain(
      '元旦 2027-01-01',
    );
    await screenshot(page, 'designer-preview-overlay');

    // The overlay carries over to the other language.
    await page.click('[data-action="language"]');
    await page.locator('[data-action="save"]', { hasText: 'Save BPMN' }).waitFor();
    await page.click('[data-tab="preview"]');
    await expect(
      page.locator('[data-testid="preview-case"] [data-field="due"]').textContent(),
    ).resolves.not.toContain('provisional');
    await page.click('[data-action="language"]');
    await page.locator('[data-action="save"]', { hasText: '保存 BPMN' }).waitFor();
  });

  it('has no console errors', () => {
    expect(browser.errors).toEqual([]);
  });
});
