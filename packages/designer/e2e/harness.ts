import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's chromium (installed by `.ci/run`); the tests never download a browser. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

export const DESIGNER_DIR = fileURLToPath(new URL('..', import.meta.url));
export const REPO_DIR = resolve(DESIGNER_DIR, '../..');
/** Screenshots and other outputs of the e2e run (gitignored). */
export const ARTIFACTS_DIR = join(REPO_DIR, 'test-artifacts', 'designer');

const BUILD_INPUTS = [
  join(DESIGNER_DIR, 'src'),
  join(DESIGNER_DIR, 'public'),
  join(DESIGNER_DIR, 'index.html'),
  join(DESIGNER_DIR, 'vite.config.ts'),
  join(DESIGNER_DIR, 'package.json'),
  join(REPO_DIR, 'packages', 'engine', 'src'),
  join(REPO_DIR, 'packages', 'engine', 'package.json'),
  join(REPO_DIR, 'examples'),
];

function* files(path: string): Generator<string> {
  if (!existsSync(path)) return;
  if (statSync(path).isFile()) {
    yield path;
    return;
  }
  for (const name of readdirSync(path).sort()) {
    if (name === 'node_modules' || name === 'dist') continue;
    yield* files(join(path, name));
  }
}

/** A hash of everything the bundle is built from, so test files share one build per change. */
function inputsHash(): string {
  const hash = createHash('sha256');
  for (const root of BUILD_INPUTS) {
    for (const file of files(root)) {
      if (/\.test\.ts$/.test(file)) continue;
      hash.update(file).update(readFileSync(file));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Builds the designer with Vite (unminified, no source maps: it is for tests) into
 * `test-artifacts/designer/build-<hash>` and returns that folder. Test files running in parallel
 * wait for one another through a lock folder instead of building twice.
 */
export async function buildDesigner(): Promise<string> {
  const hash = inputsHash();
  const outDir = join(ARTIFACTS_DIR, `build-${hash}`);
  const done = join(outDir, 'index.html');
  const lock = `${outDir}.lock`;
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  for (;;) {
    if (existsSync(done)) return outDir;
    try {
      await mkdir(lock);
      break;
    } catch {
      const age = Date.now() - (await stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > 180_000) await rm(lock, { recursive: true, force: true });
      await sleep(250);
    }
  }
  try {
    if (existsSync(done)) return outDir;
    // Older builds go; so do locks left by runs that were killed (other runs finish in minutes).
    for (const old of readdirSync(ARTIFACTS_DIR)) {
      const path = join(ARTIFACTS_DIR, old);
      const staleLock =
        old.endsWith('.lock') && path !== lock && Date.now() - statSync(path).mtimeMs > 180_000;
      if (/^build-[0-9a-f]{16}$/.test(old) || staleLock) rmSync(path, { recursive: true, force: true });
    }
    const { build } = await import('vite');
    await build({
      configFile: join(DESIGNER_DIR, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, minify: false, sourcemap: false, reportCompressedSize: false },
    });
    return outDir;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.eot': 'application/vnd.ms-fontobject',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.png': 'image/png',
};

export interface StaticServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves a folder on 127.0.0.1 at a random free port. */
export async function serveStatic(root: string): Promise<StaticServer> {
  const base = resolve(root);
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = normalize(join(base, path.endsWith('/') ? `${path}index.html` : path));
    if (file !== base && !file.startsWith(base + sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response
        .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
        .end(body);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and page errors seen so far: a clean run has none. */
  readonly errors: string[];
  close(): Promise<void>;
}

/** Headless Chromium with a fresh, empty profile. */
export async function launchBrowser(): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'tongban-designer-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      // Debian's Chromium renders its omnibox popup (a hidden WebUI page) on every navigation even
      // when headless: half a core on this 2-core machine, taken from the page under test.
      '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    locale: 'zh-CN',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return {
    context,
    page,
    errors,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a screenshot of the page as a test artifact and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
