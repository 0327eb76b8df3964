import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browser,
  type ConsoleServer,
  FIRE,
  hasChromium,
  LEAD,
  launchBrowser,
  MATERIALS,
  PLANNING,
  type StartedCase,
  signIn,
  startConsoleServer,
  startPermitCase,
} from './harness.js';

const title = hasChromium
  ? 'console in headless Chromium against a real server'
  : 'console in headless Chromium (skipped: /usr/bin/chromium not found)';

const row = (page: Page, caseId: string) => page.locator(`table.cases tr[data-case-id="${caseId}"]`);
const FIRE_OPINION = '消防设计审查合格，同意（内部意见-勿公开）';

describe.skipIf(!hasChromium)(title, () => {
  let server: ConsoleServer;
  let browser: Browser;
  let supervisor: Page;
  let planning: Page;
  let watched: StartedCase;
  let waiting: StartedCase;

  beforeAll(async () => {
    server = await startConsoleServer();
    watched = await startPermitCase(server, 'JS-2026-0001', true);
    waiting = await startPermitCase(server, 'JS-2026-0002', false);
    browser = await launchBrowser();
    supervisor = await browser.newPage();
    planning = await browser.newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a supervisor watches a case turn red on the board without reloading', async () => {
    await signIn(supervisor, server.url, 'supervisor');
    await supervisor.goto(`${server.url}/#/board`);
    await expect(supervisor.locator('h1').textContent()).resolves.toBe('实时监察看板');
    await row(supervisor, watched.caseId).waitFor();
    await expect(row(supervisor, watched.caseId).getAttribute('data-light')).resolves.toBe('green');
    await supervisor.locator('[data-live="true"]').waitFor();
    // A mark on the window: a reload would wipe it.
    await supervisor.evaluate(() => Object.assign(window, { tongbanNoReload: true }));

    // 规划审查 (7 working days from Monday 2 March) is overdue from Thursday 12 March; the timer
    // worker fires the light change, the event stream carries it, the board reloads its rows.
    await server.time.advanceTo(Date.parse('2026-03-12T10:00:00+08:00'));
    await supervisor.locator(`table.cases tr[data-case-id="${watched.caseId}"][data-light="red"]`).waitFor({
      timeout: 30_000,
    });
    await expect(supervisor.evaluate(() => 'tongbanNoReload' in window)).resolves.toBe(true);
    await expect(supervisor.locator('[data-count="red"] b').textContent()).resolves.not.toBe('0');
  });

  it('the board filters by light and department', async () => {
    // Both cases are red now (the waiting one's 受理 had one working day).
    await supervisor.selectOption('select[data-filter="light"]', 'green');
    await row(supervisor, watched.caseId).waitFor({ state: 'detached' });
    await supervisor.locator('p.empty').waitFor();
    await supervisor.selectOption('select[data-filter="light"]', 'red');
    await row(supervisor, waiting.caseId).waitFor();
    await supervisor.selectOption('select[data-filter="department"]', PLANNING);
    await row(supervisor, waiting.caseId).waitFor({ state: 'detached' });
    await row(supervisor, watched.caseId).waitFor();
    await supervisor.selectOption('select[data-filter="department"]', '');
    await supervisor.selectOption('select[data-filter="light"]', '');
    await row(supervisor, waiting.caseId).waitFor();
  });

  it('the case page colours the diagram by light; a 督办 reaches the department, which answers it', async () => {
    await signIn(planning, server.url, { department: PLANNING });
    await planning.locator(`table.worklist tr[data-case-id="${watched.caseId}"]`).waitFor();
    await planning.locator('#main h1').filter({ hasText: PLANNING }).waitFor();

    await supervisor.click(`table.cases tr[data-case-id="${watched.caseId}"] a`);
    await supervisor.locator('.tb-overlay[data-element-id="PlanningReview"][data-light="red"]').waitFor({
      timeout: 30_000,
    });
    await supervisor.locator('.tb-overlay[data-element-id="Accept"][data-light="done"]').waitFor();
    const supervise = supervisor.locator('form[data-form="supervise"]');
    await supervise.locator('select[name="department"]').selectOption(PLANNING);
    await supervise.locator('textarea[name="message"]').fill('规划审查已超期，请三个工作日内说明原因并办结');
    await supervise.locator('input[name="replyWithin"]').fill('3');
    await supervise.locator('button[type="submit"]').click();
    await supervisor.locator('.supervisions li[data-answered="false"]').waitFor();
    await expect(supervisor.locator('.supervisions li').textContent()).resolves.toContain('回复期限');

    // The department's worklist flags it without a reload; the task page offers the answer.
    await planning
      .locator(`tr[data-case-id="${watched.caseId}"] [data-flag="supervised"]`)
      .waitFor({ timeout: 30_000 });
    await planning.click(`tr[data-case-id="${watched.caseId}"] a`);
    await planning.locator('.supervisions li[data-answered="false"]').waitFor();
    await planning.click('details[data-action="answer"] summary');
    await planning.fill('details[data-action="answer"] textarea[name="answer"]', '已补充核查，今日办结');
    await planning.click('details[data-action="answer"] button[type="submit"]');
    await planning.locator('.supervisions li[data-answered="true"]').waitFor();

    // The supervisor's case page hears the answer on the stream.
    await supervisor.locator('.supervisions li[data-answered="true"]').waitFor({ timeout: 30_000 });
    await expect(supervisor.locator('.supervisions li').textContent()).resolves.toContain('已补充核查');
    await expect(supervisor.evaluate(() => 'tongbanNoReload' in window)).resolves.toBe(true);
  });

  it('a department completes its task and the board changes', async () => {
    await supervisor.goto(`${server.url}/#/board`);
    const fireChip = row(supervisor, watched.caseId).locator('.task-chip', { hasText: '消防审查' });
    await fireChip.waitFor();
    const fire = await browser.newPage();
    await signIn(fire, server.url, { department: FIRE });
    await fire.click(`table.worklist tr[data-case-id="${watched.caseId}"] a`);
    // The task page lists the application's materials, read from the case's variables.
    await fire.locator('ul.materials li', { hasText: MATERIALS[1] }).waitFor();
    await fire.fill('form[data-action="complete"] textarea[name="opinion"]', FIRE_OPINION);
    await fire.selectOption('form[data-action="complete"] select[name="outcome"]', 'approved');
    await fire.click('form[data-action="complete"] button[type="submit"]');
    await fire.locator('[data-closed="true"]').waitFor();
    await fire.close();
    await fireChip.waitFor({ state: 'detached', timeout: 30_000 });
    await row(supervisor, watched.caseId).locator('.task-chip', { hasText: '规划审查' }).waitFor();
  });

  it('a department cannot open another department’s task by URL', async () => {
    const [accept] = (
      await server.api<{ openTasks: { id: string }[] }>(`/api/v1/cases/${waiting.caseId}`, {
        kind: 'supervisor',
        sub: 's',
      })
    ).openTasks;
    // A case planning takes no part in: the server answers as if it did not exist.
    await planning.goto(`${server.url}/#/tasks/${waiting.caseId}/${accept?.id}`);
    await planning.locator('#main .error[role="alert"]').waitFor();
    await expect(planning.locator('form[data-action="complete"]').count()).resolves.toBe(0);
    await expect(planning.locator('#main').textContent()).resolves.not.toContain('受理');

    // A case it does take part in, but another department's task: shown as not theirs, no actions.
    const { openTasks } = await server.api<{ openTasks: { id: string; department: string }[] }>(
      `/api/v1/cases/${watched.caseId}`,
      { kind: 'supervisor', sub: 's' },
    );
    const lead = openTasks.find((task) => task.department === LEAD);
    await planning.goto(`${server.url}/#/tasks/${watched.caseId}/${lead?.id}`);
    await planning.locator('[data-not-yours="true"]').waitFor();
    await expect(planning.locator('form[data-action="complete"]').count()).resolves.toBe(0);
  });

  it('the public page shows progress in plain words, on a phone, and no opinion or name', async () => {
    const phone = await browser.newPage({ width: 375, height: 740 });
    await phone.goto(`${server.url}/#/query`);
    await phone.fill('input[name="caseId"]', watched.caseId);
    await phone.fill('input[name="code"]', 'WRONG-CODE');
    await phone.click('button[type="submit"]');
    await phone.locator('[data-public="not-found"]').waitFor();

    await phone.fill('input[name="code"]', watched.queryCode);
    await phone.click('button[type="submit"]');
    const result = phone.locator('[data-public="result"]');
    await result.waitFor();
    const text = (await phone.locator('#main').textContent()) ?? '';
    expect(text).toContain('办理中');
    expect(text).toContain('规划审查');
    expect(text).not.toContain(FIRE_OPINION);
    expect(text).not.toContain('材料齐全');
    expect(text).not.toContain('李强');
    expect(text).not.toContain('滨江路小学');
    // Fits a phone: nothing wider than the screen.
    await expect(phone.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(
      375,
    );
    await phone.close();
  });

  it('statistics chart the departments; the hall shows cases without personal data', async () => {
    await supervisor.goto(`${server.url}/#/stats`);
    // The server's clock stands in March 2026; the page's default period ends at the browser's today.
    await supervisor.fill('input[name="from"]', '2026-03-01');
    await supervisor.fill('input[name="to"]', '2026-03-31');
    await supervisor.click('form.filters button[type="submit"]');
    await supervisor.locator(`table.stats tr[data-key="${FIRE}"]`).waitFor();
    await supervisor.locator('.chart svg').first().waitFor();
    await supervisor.goto(`${server.url}/#/hall`);
    await supervisor.locator('.hall tbody tr').first().waitFor();
    const text = (await supervisor.locator('.hall').textContent()) ?? '';
    expect(text).toContain('规划审查');
    expect(text).not.toContain(watched.caseId); // masked
    expect(text).not.toContain('李强');
    expect(text).not.toContain('滨江路小学');
    expect(text).not.toContain(FIRE_OPINION);
  });

  it('ran without page errors', () => {
    expect(browser.errors).toEqual([]);
  });
});
