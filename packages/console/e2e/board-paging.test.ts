import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browser,
  type ConsoleServer,
  hasChromium,
  LEAD,
  LEAD_STAFF,
  launchBrowser,
  signIn,
  startConsoleServer,
  startPermitCase,
} from './harness.js';

/**
 * A board longer than one page: the tiles and the count are the server's over every open case, and
 * "show more" (a button the keyboard reaches) pages on to the last one; live updates and the light
 * filter keep working on a paged list, and the hall shows the same true totals.
 */
const title = hasChromium
  ? 'the board pages through more open cases than one page'
  : 'board paging (skipped: /usr/bin/chromium not found)';

const ACCEPTED = 110;
const WAITING = 30;
const TOTAL = ACCEPTED + WAITING;
const id = (n: number) => `PG-2026-${String(n).padStart(4, '0')}`;
const SUPERVISOR = { kind: 'supervisor', sub: '监察室-陈' };

interface BoardAnswer {
  items: { caseId: string; urgency: string | null }[];
  total: number;
  counts: Record<string, number>;
}

describe.skipIf(!hasChromium)(title, () => {
  let server: ConsoleServer;
  let browser: Browser;
  let page: Page;
  const rows = () => page.locator('table.cases tbody tr').count();
  const tile = (light: string) => page.locator(`[data-count="${light}"] b`).textContent();

  beforeAll(async () => {
    server = await startConsoleServer();
    const numbers = Array.from({ length: TOTAL }, (_, i) => i + 1);
    for (let i = 0; i < numbers.length; i += 10)
      await Promise.all(numbers.slice(i, i + 10).map((n) => startPermitCase(server, id(n), n <= ACCEPTED)));
    // Wednesday: the waiting cases' 受理 (one working day) is overdue; the others are within time.
    await server.time.advanceTo(Date.parse('2026-03-04T10:00:00+08:00'));
    browser = await launchBrowser();
    page = await browser.newPage();
  }, 400_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('tiles count every open case, and the keyboard pages on to the last one', async () => {
    // Every case on one page of the API, counted here by its own light.
    const all = await server.api<BoardAnswer>('/api/v1/board?limit=500', SUPERVISOR);
    expect(all.items).toHaveLength(TOTAL);
    const expected = { red: 0, yellow: 0, green: 0, none: 0 } as Record<string, number>;
    for (const c of all.items) expected[c.urgency ?? 'none'] = (expected[c.urgency ?? 'none'] ?? 0) + 1;
    expect(expected.red).toBe(WAITING);
    const last = all.items.at(-1)?.caseId ?? '';

    await signIn(page, server.url, 'supervisor');
    await page.goto(`${server.url}/#/board`);
    await page.locator('table.cases tbody tr').first().waitFor();
    await expect.poll(tile.bind(null, 'red')).toBe(String(expected.red));
    await expect(tile('yellow')).resolves.toBe(String(expected.yellow));
    await expect(tile('green')).resolves.toBe(String(expected.green));
    await expect(page.locator('p.count').getAttribute('data-total')).resolves.toBe(String(TOTAL));
    await expect(page.locator('p.count').textContent()).resolves.toContain(`共 ${TOTAL} 件在办`);
    // The first 30 rows are drawn in the first frame, the rest of the page once it is painted.
    await expect.poll(rows).toBe(100);
    await expect(page.locator(`tr[data-case-id="${last}"]`).count()).resolves.toBe(0);

    // Keyboard only: focus the button and press Enter; the focus stays on it for the next page.
    await page.locator('button[data-action="more"]').focus();
    await page.keyboard.press('Enter');
    await page.locator(`tr[data-case-id="${last}"]`).waitFor();
    await expect(rows()).resolves.toBe(TOTAL);
    await page.locator('button[data-action="more"]').waitFor({ state: 'detached' });
    await expect(page.locator('p.count').textContent()).resolves.toContain(`显示 ${TOTAL} 件`);
  });

  it('a live update keeps every page loaded and moves the tiles', async () => {
    const [accept] = (
      await server.api<{ openTasks: { id: string }[] }>(`/api/v1/cases/${id(TOTAL)}`, SUPERVISOR)
    ).openTasks;
    await server.api(`/api/v1/cases/${id(TOTAL)}/commands`, LEAD_STAFF, {
      type: 'completeTask',
      taskId: accept?.id,
      department: LEAD,
      opinion: '予以受理',
    });
    await expect.poll(tile.bind(null, 'red')).toBe(String(WAITING - 1));
    await expect(rows()).resolves.toBe(TOTAL);
  });

  it('the light filter narrows the list but not the tiles', async () => {
    await page.selectOption('select[data-filter="light"]', 'red');
    await expect.poll(() => page.locator('p.count').getAttribute('data-total')).toBe(String(WAITING - 1));
    await expect(rows()).resolves.toBe(WAITING - 1);
    await expect(tile('red')).resolves.toBe(String(WAITING - 1));
    await expect(tile('green').then(Number)).resolves.toBeGreaterThan(0);
    await expect(page.locator('button[data-action="more"]').count()).resolves.toBe(0);
  });

  it('a reload asks for the first page once, while the console loads, and draws all of it', async () => {
    const asked: string[] = [];
    const onRequest = (request: { url(): string }) => {
      const path = new URL(request.url()).pathname;
      if (path === '/api/v1/board' || path.endsWith('.js')) asked.push(request.url());
    };
    page.on('request', onRequest);
    await page.reload();
    await page.locator('table.cases tbody tr').first().waitFor();
    await expect.poll(rows).toBe(100);
    page.off('request', onRequest);
    const boards = asked.filter((u) => u.includes('/api/v1/board'));
    expect(boards).toEqual([expect.stringContaining('/api/v1/board?limit=100&offset=0')]);
    // Asked for before the console's screens were loaded (the entry asks, then imports the rest).
    const start = asked.findIndex((u) => /\/start-[\w-]+\.js$/.test(u));
    expect(start).toBeGreaterThan(-1);
    expect(asked.indexOf(boards[0] ?? '')).toBeLessThan(start);
  });

  it('the hall shows the true totals and rolls through every page', async () => {
    await page.goto(`${server.url}/#/hall`);
    await page.locator('.hall tbody tr').first().waitFor();
    await expect(page.locator('.hall-summary').textContent()).resolves.toContain(`在办 ${TOTAL} 件`);
    await expect(page.locator('.hall-summary').textContent()).resolves.toContain(`超时 ${WAITING - 1}`);
    await expect(page.locator('.hall footer').getAttribute('data-pages')).resolves.toBe(
      String(Math.ceil(TOTAL / 12)),
    );
    await expect(page.locator('.hall tbody tr').count()).resolves.toBe(12);
  });

  it("a department's worklist longer than one page shows its total and pages on to its last task", async () => {
    const all = await server.api<{ items: { caseId: string; task: { id: string } }[]; total: number }>(
      '/api/v1/worklist?limit=500',
      LEAD_STAFF,
    );
    expect(all.total).toBeGreaterThan(100);
    const last = all.items.at(-1);
    const staff = await browser.newPage();
    await signIn(staff, server.url, { department: LEAD });
    await staff.goto(`${server.url}/#/worklist`);
    const tasks = staff.locator('table.worklist tbody tr');
    await tasks.first().waitFor();
    await expect(tasks.count()).resolves.toBe(100);
    await expect(staff.locator('p.count').getAttribute('data-total')).resolves.toBe(String(all.total));
    await expect(staff.locator('p.count').textContent()).resolves.toContain(`共 ${all.total} 件待办`);
    // Reloaded, the worklist's first page is asked for once.
    const asked: string[] = [];
    staff.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/v1/worklist') asked.push(request.url());
    });
    await staff.reload();
    await tasks.first().waitFor();
    expect(asked).toEqual([expect.stringContaining('/api/v1/worklist?limit=100&offset=0')]);
    await expect(tasks.count()).resolves.toBe(100);
    for (let shown = 100; shown < all.total; shown += 100) {
      await staff.locator('button[data-action="more"]').focus();
      await staff.keyboard.press('Enter');
      await expect.poll(() => tasks.count()).toBe(Math.min(shown + 100, all.total));
    }
    await expect(
      staff.locator(`tr[data-case-id="${last?.caseId}"][data-task-id="${last?.task.id}"]`).count(),
    ).resolves.toBe(1);
    await expect(staff.locator('button[data-action="more"]').count()).resolves.toBe(0);
    await staff.close();
  });

  it('ran without page errors', () => {
    expect(browser.errors).toEqual([]);
  });
});
