import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CONSOLE_DIR = fileURLToPath(new URL('..', import.meta.url));
export const REPO_DIR = resolve(CONSOLE_DIR, '../..');
export const DIST_DIR = join(CONSOLE_DIR, 'dist');
const STAMP = join(DIST_DIR, '.inputs-hash');

const BUILD_INPUTS = [
  join(CONSOLE_DIR, 'src'),
  join(CONSOLE_DIR, 'public'),
  join(CONSOLE_DIR, 'index.html'),
  join(CONSOLE_DIR, 'vite.config.ts'),
  join(CONSOLE_DIR, 'package.json'),
];

function* files(path: string): Generator<string> {
  if (!existsSync(path)) return;
  if (statSync(path).isFile()) {
    yield path;
    return;
  }
  for (const name of readdirSync(path).sort()) {
    if (name === 'node_modules' || name === 'dist' || name === 'serve') continue;
    yield* files(join(path, name));
  }
}

/** A hash of everything the bundle is built from, so a build is reused until the sources change. */
function inputsHash(): string {
  const hash = createHash('sha256');
  for (const root of BUILD_INPUTS)
    for (const file of files(root)) {
      if (/\.test\.ts$/.test(file)) continue;
      hash.update(file.slice(CONSOLE_DIR.length)).update(readFileSync(file));
    }
  return hash.digest('hex').slice(0, 16);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Builds the console into `packages/console/dist` — the folder `tongban serve` serves — when it is
 * missing or older than its sources (a clean clone's first `pnpm test` builds it here). Test files
 * running in parallel wait for one another through a lock folder instead of building twice.
 */
export async function ensureConsoleBuilt(): Promise<string> {
  const hash = inputsHash();
  const fresh = () =>
    existsSync(join(DIST_DIR, 'index.html')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash;
  const lock = `${DIST_DIR}.lock`;
  for (;;) {
    if (fresh()) return DIST_DIR;
    try {
      await mkdir(lock);
      break;
    } catch {
      const age = Date.now() - (await stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > 240_000) await rm(lock, { recursive: true, force: true });
      await sleep(250);
    }
  }
  try {
    if (fresh()) return DIST_DIR;
    const { build } = await import('vite');
    await build({
      configFile: join(CONSOLE_DIR, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: DIST_DIR, emptyOutDir: true, sourcemap: false, reportCompressedSize: false },
    });
    writeFileSync(STAMP, hash);
    return DIST_DIR;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}
