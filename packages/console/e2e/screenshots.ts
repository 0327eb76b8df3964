// Screenshots of every console screen for docs/console.md, in real Chromium (fonts-noto-cjk for
// the Chinese), against a real server with cases played into varied states.
//   pnpm tsx --conditions=@tongban/source packages/console/e2e/screenshots.ts
// Writes docs/img/console-*.png.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_DIR } from './build.js';
import { FIRE, launchBrowser, PLANNING, signIn, startConsoleServer, startPermitCase } from './harness.js';

const OUT = join(REPO_DIR, 'docs', 'img');
const shot = async (page: Page, name: string) => {
  await page.waitForTimeout(600);
  await page.screenshot({ path: join(OUT, `console-${name}.png`) });
  process.stderr.write(`docs/img/console-${name}.png\n`);
};

const server = await startConsoleServer();
const supervisorCaller = { kind: 'supervisor', sub: '监察室-陈' };
const cases = [];
for (let i = 1; i <= 9; i++) cases.push(await startPermitCase(server, `SGXK-2026-000${i}`, i !== 9));
// Days pass: the co-handlers' 7 working days run out for the earliest cases.
await server.time.advanceTo(Date.parse('2026-03-10T10:00:00+08:00'));
for (let i = 10; i <= 12; i++) cases.push(await startPermitCase(server, `SGXK-2026-00${i}`, true));
await server.time.advanceTo(Date.parse('2026-03-12T10:00:00+08:00'));
const first = cases[0];
if (!first) throw new Error('no case');
await server.api(`/api/v1/cases/${first.caseId}/commands`, supervisorCaller, {
  type: 'supervise',
  department: PLANNING,
  message: '规划审查已超期，请于三个工作日内说明原因并办结',
  replyWithin: 3,
});
await server.api(`/api/v1/cases/${first.caseId}/commands`, supervisorCaller, {
  type: 'urge',
  message: '请加快办理',
});
const { openTasks } = await server.api<{ openTasks: { id: string; department: string }[] }>(
  `/api/v1/cases/${first.caseId}`,
  supervisorCaller,
);
const fireTask = openTasks.find((task) => task.department === FIRE);
if (fireTask)
  await server.api(
    `/api/v1/cases/${first.caseId}/commands`,
    { kind: 'staff', sub: '消防-赵磊', department: FIRE },
    {
      type: 'completeTask',
      taskId: fireTask.id,
      department: FIRE,
      opinion: '同意',
    },
  );

const browser = await launchBrowser();
const page = await browser.newPage();
await page.goto(`${server.url}/#/login`);
await page.locator('button[data-role="supervisor"]').waitFor();
await shot(page, 'login');
await signIn(page, server.url, 'supervisor');
await page.goto(`${server.url}/#/board`);
await page.locator('table.cases tbody tr').first().waitFor();
await shot(page, 'board');
await page.goto(`${server.url}/#/cases/${first.caseId}`);
await page.locator('.tb-overlay').first().waitFor();
await shot(page, 'case');
await page.goto(`${server.url}/#/stats`);
await page.locator('table.stats').waitFor();
await page.locator('.chart svg').first().waitFor();
await shot(page, 'statistics');
await page.goto(`${server.url}/#/hall`);
await page.locator('.hall tbody tr').first().waitFor();
await shot(page, 'hall');
await page.goto(`${server.url}/#/board?lang=en`);
await page.click('button[data-action="language"]');
await page.locator('table.cases tbody tr').first().waitFor();
await shot(page, 'board-en');
await page.click('button[data-action="language"]');

const planning = await browser.newPage();
await signIn(planning, server.url, { department: PLANNING });
await planning.locator('table.worklist tbody tr').first().waitFor();
await shot(planning, 'worklist');
await planning.click(`table.worklist tr[data-case-id="${first.caseId}"] a`);
await planning.locator('details[data-action="answer"]').waitFor();
await planning.click('details[data-action="answer"] summary');
await shot(planning, 'task');

const phone = await browser.newPage({ width: 390, height: 780 });
await phone.goto(`${server.url}/#/query`);
await phone.fill('input[name="caseId"]', first.caseId);
await phone.fill('input[name="code"]', first.queryCode);
await phone.click('button[type="submit"]');
await phone.locator('[data-public="result"]').waitFor();
await shot(phone, 'public-phone');

await browser.close();
await server.close();
