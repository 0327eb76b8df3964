import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browser,
  type ConsoleServer,
  hasChromium,
  launchBrowser,
  PLANNING,
  startConsoleServer,
  startPermitCase,
} from './harness.js';
import { type Idp, startIdp } from './idp.js';

/**
 * Production sign-in end to end: a real OpenID provider (oidc-provider) on its own port, the
 * console as its public client (code flow with PKCE through oidc-client-ts), and the server
 * verifying the provider's JWT access tokens against its JWKS with issuer and audience — the
 * working reference for configuring an agency's identity provider (docs/console.md).
 */
const title = hasChromium
  ? 'console sign-in through a real OpenID provider'
  : 'console OIDC sign-in (skipped: /usr/bin/chromium not found)';

const ACCOUNTS = {
  'wang.fang': { kind: 'staff', department: PLANNING },
  'chen.jian': { kind: 'supervisor' },
} as const;

describe.skipIf(!hasChromium)(title, () => {
  let idp: Idp;
  let stranger: Idp;
  let server: ConsoleServer;
  let browser: Browser;
  let page: Page;
  const caseId = 'JS-2026-OIDC-1';

  beforeAll(async () => {
    idp = await startIdp(ACCOUNTS);
    // Another provider with its own keys, issuer and audience: its tokens must get nowhere.
    stranger = await startIdp(ACCOUNTS, 'https://elsewhere.example.com/api');
    server = await startConsoleServer({
      auth: { jwksUrl: idp.jwksUrl, issuer: idp.issuer, audience: idp.audience },
      sign: (claims) => idp.sign(claims),
      oidc: { authority: idp.issuer, clientId: idp.clientId, scope: idp.scope },
      listening: (url) => idp.register(`${url}/`),
    });
    await startPermitCase(server, caseId, true);
    browser = await launchBrowser();
    page = await browser.newPage();
    // The provider's development pages import a web font from the internet, which this machine
    // does not reach; nothing else leaves 127.0.0.1.
    await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await idp?.close();
    await stranger?.close();
  });

  it('a person who cancels at the provider is back on the sign-in page, told why', async () => {
    await page.goto(`${server.url}/#/login`);
    await page.click('button[data-action="oidc-sign-in"]');
    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.click('a:has-text("Cancel")');
    const failed = page.locator('[data-sign-in-failed]');
    await failed.waitFor();
    await expect(failed.textContent()).resolves.toContain('登录失败');
    // Neither the provider's error nor its state stays in the address.
    expect(new URL(page.url()).search).toBe('');
    await expect(page.locator('[data-action="sign-out"]').count()).resolves.toBe(0);
  });

  it('a department signs in at the provider and its worklist loads through the server', async () => {
    await page.goto(`${server.url}/#/login`);
    await page.click('button[data-action="oidc-sign-in"]');
    // The provider's own login page, then its consent page.
    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.fill('input[name="login"]', 'wang.fang');
    await page.fill('input[name="password"]', 'any password');
    await page.click('button[type="submit"]');
    await page.locator('button[type="submit"]', { hasText: 'Continue' }).click();

    // Back in the console, signed in as the provider's account, with a token the server accepts.
    await page.locator('[data-action="sign-out"]').waitFor();
    await expect(page.locator('header .who').textContent()).resolves.toContain(PLANNING);
    await page.locator(`table.worklist tr[data-case-id="${caseId}"]`).waitFor();
    expect(new URL(page.url()).search).toBe('');
    const claims = await page.evaluate(() => {
      const token = sessionStorage.getItem('tongban.console.token') ?? '';
      const part = (token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/');
      const bytes = Uint8Array.from(atob(part), (c) => c.charCodeAt(0));
      return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    });
    expect(claims).toMatchObject({
      iss: idp.issuer,
      aud: idp.audience,
      sub: 'wang.fang',
      kind: 'staff',
      department: PLANNING,
    });
  });

  it('refuses tokens from another issuer, for another audience, or signed with other keys', async () => {
    const board = async (token: string) =>
      (await fetch(`${server.url}/api/v1/board`, { headers: { authorization: `Bearer ${token}` } })).status;
    const supervisor = { sub: 'chen.jian', kind: 'supervisor' };
    await expect(board(await idp.sign(supervisor))).resolves.toBe(200);
    await expect(
      board(await idp.sign(supervisor, { issuer: 'https://other-idp.example.com' })),
    ).resolves.toBe(401);
    await expect(
      board(await idp.sign(supervisor, { audience: 'https://other.example.com/api' })),
    ).resolves.toBe(401);
    await expect(board(await stranger.sign(supervisor))).resolves.toBe(401);
    // The stranger's keys with this provider's issuer and audience: the signature gives it away.
    await expect(
      board(await stranger.sign(supervisor, { issuer: idp.issuer, audience: idp.audience })),
    ).resolves.toBe(401);

    // In the page: a foreign token is refused by the server and the console asks for sign-in again.
    const foreign = await stranger.sign(supervisor, { issuer: idp.issuer, audience: idp.audience });
    await page.evaluate((token) => sessionStorage.setItem('tongban.console.token', token), foreign);
    await page.goto(`${server.url}/#/board`);
    await page.locator('button[data-action="oidc-sign-in"]').waitFor();
  });

  it('ran without page errors', () => {
    expect(browser.errors).toEqual([]);
  });
});
