import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgliteStore, DurableRuntime, ManualClock, TimeSkipping } from '@tongban/adapters';
import { type Api, type AuthOptions, buildServer } from '@tongban/server';
import { SignJWT } from 'jose';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { consolePlugin, diagramsFromFolders } from '../src/serve/index.js';
import { ensureConsoleBuilt, REPO_DIR } from './build.js';

/** The application's materials each test case carries (shown on the task page). */
export const MATERIALS = ['建设工程规划许可证', '施工图设计文件审查合格书'];

/** Debian's chromium; the tests never download a browser. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

export const SECRET = 'console-e2e-secret-of-at-least-32-characters';
export const LEAD = '住房和城乡建设局';
export const PLANNING = '自然资源和规划局';
export const FIRE = '消防救援支队';
export const PERMIT_XML = readFileSync(
  join(REPO_DIR, 'examples', 'construction-permit', 'construction-permit.bpmn'),
  'utf8',
);

export interface ConsoleServer {
  readonly url: string;
  readonly app: Api;
  readonly runtime: DurableRuntime;
  readonly time: TimeSkipping;
  readonly clock: ManualClock;
  token(kind: string, sub: string, department?: string): Promise<string>;
  /** JSON request as this caller (a token minted here, as an agency system would hold). */
  api<T>(path: string, as: { kind: string; sub: string; department?: string }, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

/**
 * A real `buildServer` on port 0 over an in-memory PGlite, with the console plugin (dev-login on),
 * a manual clock moved by `time.advanceTo` (timers fire through a real timer worker), the event
 * stream polling every 100 ms, and the construction-permit example deployed.
 */
export interface ConsoleServerOptions {
  /** How the server verifies tokens (default: HS256 with {@link SECRET}). */
  readonly auth?: AuthOptions;
  /** Mints the test's own tokens (default: HS256 with {@link SECRET}). */
  readonly sign?: (claims: { kind: string; sub: string; department?: string }) => Promise<string>;
  /** Production sign-in instead of the role picker. */
  readonly oidc?: { readonly authority: string; readonly clientId: string; readonly scope?: string };
  /** Called once the server listens, before anything is deployed (an IdP learns the callback here). */
  readonly listening?: (url: string) => void;
}

export async function startConsoleServer(options: ConsoleServerOptions = {}): Promise<ConsoleServer> {
  const distDir = await ensureConsoleBuilt();
  const store = await createPgliteStore();
  // Monday 2026-03-02, 09:00 in Beijing: time moves only when a test moves it.
  const clock = new ManualClock(Date.parse('2026-03-02T09:00:00+08:00'));
  const runtime = new DurableRuntime({ store, clock: clock.now });
  const time = new TimeSkipping({ runtime, clock });
  const app = await buildServer({
    runtime,
    auth: options.auth ?? { secret: SECRET },
    streamPollMs: 100,
    plugins: [
      consolePlugin({
        distDir,
        ...(options.oidc ? { oidc: options.oidc } : { devLogin: { secret: SECRET } }),
        people: [
          { sub: '监察室-陈', kind: 'supervisor' },
          { sub: '住建局-李强', kind: 'staff', department: LEAD },
          { sub: '规划局-王芳', kind: 'staff', department: PLANNING },
          { sub: '消防-赵磊', kind: 'staff', department: FIRE },
        ],
        diagrams: diagramsFromFolders([join(REPO_DIR, 'examples')]),
      }),
    ],
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  options.listening?.(url);
  const token = (kind: string, sub: string, department?: string) =>
    options.sign?.({ kind, sub, ...(department ? { department } : {}) }) ??
    new SignJWT({ kind, ...(department ? { department } : {}) })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime('2h')
      .sign(new TextEncoder().encode(SECRET));
  const api = async <T>(
    path: string,
    as: { kind: string; sub: string; department?: string },
    body?: unknown,
  ) => {
    const isXml = typeof body === 'string';
    const response = await fetch(`${url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${await token(as.kind, as.sub, as.department)}`,
        ...(body === undefined ? {} : { 'content-type': isXml ? 'application/xml' : 'application/json' }),
      },
      ...(body === undefined ? {} : { body: isXml ? body : JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };
  await api('/api/v1/definitions', { kind: 'admin', sub: 'admin' }, PERMIT_XML);
  return {
    url,
    app,
    runtime,
    time,
    clock,
    token,
    api,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

export const LEAD_STAFF = { kind: 'staff', sub: '住建局-李强', department: LEAD } as const;

export interface StartedCase {
  readonly caseId: string;
  readonly queryCode: string;
}

/** Starts a construction-permit case at the lead's window; `accept` completes its 受理 too. */
export async function startPermitCase(
  server: ConsoleServer,
  caseId: string,
  accept: boolean,
): Promise<StartedCase> {
  const started = await server.api<{ case: { openTasks: { id: string }[] }; queryCode: string }>(
    '/api/v1/cases',
    LEAD_STAFF,
    {
      processId: 'ConstructionPermit',
      caseId,
      variables: { projectName: '滨江路小学改扩建工程', materials: MATERIALS },
    },
  );
  const accepted = started.case.openTasks[0];
  if (accept && accepted)
    await server.api(`/api/v1/cases/${caseId}/commands`, LEAD_STAFF, {
      type: 'completeTask',
      taskId: accepted.id,
      department: LEAD,
      opinion: '材料齐全，予以受理',
    });
  return { caseId, queryCode: started.queryCode };
}

export interface Browser {
  readonly context: BrowserContext;
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  readonly errors: string[];
  close(): Promise<void>;
}

/** One headless Chromium per test file; each role gets its own page (and its own sessionStorage). */
export async function launchBrowser(): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'tongban-console-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      // Debian's Chromium renders its omnibox popup (a hidden WebUI page) on every navigation even
      // when headless: half a core on this 2-core machine, taken from the page under test.
      '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-sync',
    ],
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  const errors: string[] = [];
  const watch = (page: Page): Page => {
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    return page;
  };
  const first = context.pages()[0];
  let firstUsed = false;
  return {
    context,
    errors,
    async newPage(viewport) {
      const page = !firstUsed && first ? first : await context.newPage();
      firstUsed = true;
      if (viewport) await page.setViewportSize(viewport);
      return watch(page);
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the dev-login role picker, as a person would. */
export async function signIn(
  page: Page,
  url: string,
  role: 'supervisor' | { department: string },
): Promise<void> {
  await page.goto(`${url}/#/login`);
  const button =
    role === 'supervisor'
      ? page.locator('button[data-role="supervisor"]')
      : page.locator(`button[data-role="staff"][data-department="${role.department}"]`);
  await button.click();
  await page.locator('[data-action="sign-out"]').waitFor();
}
