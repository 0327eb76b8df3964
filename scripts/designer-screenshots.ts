/**
 * Takes the screenshots of docs/designer.md (and the README's) in real Chromium: builds the
 * designer, opens the construction-permit example and works it as a person would, and writes the
 * PNGs into docs/img/.
 *
 *   pnpm exec tsx --conditions=@tongban/source scripts/designer-screenshots.ts
 */
import { join } from 'node:path';
import {
  type Browser,
  buildDesigner,
  hasChromium,
  launchBrowser,
  REPO_DIR,
  serveStatic,
} from '../packages/designer/e2e/harness.js';

type Page = Browser['page'];

const IMG = join(REPO_DIR, 'docs', 'img');
const shot = async (page: Page, name: string) => {
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(IMG, `${name}.png`) });
  console.log(`docs/img/${name}.png`);
};

if (!hasChromium) {
  console.error('needs /usr/bin/chromium');
  process.exit(1);
}
const server = await serveStatic(await buildDesigner());
const browser = await launchBrowser();
const page = browser.page;
page.on('dialog', (dialog) => void dialog.accept());
try {
  await page.goto(server.url);
  await page.locator('.djs-palette').waitFor();
  // tsx keeps function names with an `__name` helper that the page does not have.
  await page.evaluate('globalThis.__name = (fn) => fn');
  const openExample = async () => {
    await page.selectOption('[data-action="examples"]', 'construction-permit/construction-permit.bpmn');
    await page.locator('.djs-shape[data-element-id="FireReview"]').waitFor();
    await page.waitForFunction(() => ['ok', 'problems'].includes(document.body.dataset.validation ?? ''));
  };
  const acceptance = async (date: string) => {
    await page.click('[data-tab="preview"]');
    await page.fill('[data-testid="acceptance-date"]', date);
    await page.dispatchEvent('[data-testid="acceptance-date"]', 'change');
  };

  // Modeling: who does what on each task.
  await openExample();
  await page.evaluate(() =>
    (window as unknown as { tongban: { selectElement(id: string): void } }).tongban.selectElement(
      'LeadReview',
    ),
  );
  await shot(page, 'designer-modeling');

  // Problems, in Chinese, the clicked one opening its field.
  await page.evaluate(() => {
    const t = (window as unknown as { tongban: { modeler: { get(n: string): unknown } } }).tongban;
    const registry = t.modeler.get('elementRegistry') as { get(id: string): { businessObject: unknown } };
    const modeling = t.modeler.get('modeling') as {
      updateModdleProperties(e: unknown, bo: unknown, p: Record<string, unknown>): void;
    };
    const set = (id: string, props: Record<string, unknown>) =>
      modeling.updateModdleProperties(registry.get(id), registry.get(id).businessObject, props);
    set('Decide', { 'tb:department': undefined });
    set('PlanningReview', { 'tb:timeLimit': undefined });
    set('Flow_Deny', { name: undefined, conditionExpression: undefined });
  });
  await page.waitForFunction(() => document.body.dataset.validation === 'problems');
  await page.click('[data-tab="problems"]');
  await page.locator('.tb-problem[data-code="MISSING_DEPARTMENT"]').click();
  await page.locator('.tb-field-flagged').waitFor();
  await shot(page, 'designer-problems');

  // Deadline preview across 春节 2026, then past the data with an overlay loaded.
  await openExample();
  await acceptance('2026-02-09');
  await shot(page, 'designer-preview');
  await acceptance('2026-12-15');
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
        holidays: { '2027-01-01': '元旦', '2027-02-06': '春节', '2027-02-07': '春节', '2027-02-08': '春节' },
      }),
    ),
  });
  await page.locator('[data-testid="overlay-status"]', { hasText: 'CN' }).waitFor();
  await shot(page, 'designer-preview-overlay');

  // The dry run: 不予许可, then lights.
  await acceptance('2026-02-09');
  await page.click('[data-tab="dryRun"]');
  const row = (id: string) => page.locator(`[data-testid="dry-tasks"] tr[data-element-id="${id}"]`);
  await page.click('[data-action="dry-start"]');
  await row('Accept').locator('[data-outcome="approve"]').click();
  for (const id of ['LeadReview', 'PlanningReview', 'FireReview', 'AirDefenceReview']) {
    await row(id).locator('[data-outcome="approve"]').click();
  }
  await row('Decide').locator('[data-outcome="deny"]').click();
  await page.locator('[data-testid="dry-end"]').waitFor();
  await shot(page, 'designer-dry-run-path');
  await page.click('[data-action="dry-start"]');
  await row('Accept').locator('[data-outcome="approve"]').click();
  await row('LeadReview').locator('[data-outcome="approve"]').click();
  for (let day = 0; day < 10; day++) await page.click('[data-action="dry-advance"]');
  await row('PlanningReview').and(page.locator('[data-light="red"]')).waitFor();
  await shot(page, 'designer-dry-run');
  await shot(page, 'designer-dry-run-lights');
} finally {
  await browser.close();
  await server.close();
}
