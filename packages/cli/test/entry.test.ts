/**
 * The `tongban` entry point as a newcomer meets it: `--version`, data directories whose parent
 * folders do not exist yet, and signals sent to the PID they started.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cli, REPO_ROOT } from './support/cli.js';

const BIN = join(REPO_ROOT, 'packages', 'cli', 'bin', 'tongban.js');
const VERSION = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'packages', 'cli', 'package.json'), 'utf8')) as { version: string }
).version;

/** PGlite starts a WASM PostgreSQL: seconds on a loaded machine, so these tests allow minutes. */
const SLOW = 120_000;

const made: string[] = [];
const temp = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'tongban-entry-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** stderr holds progress lines only (opening the database…): no error line, no stack trace. */
function expectOnlyProgress(stderr: string): void {
  expect(stderr).not.toMatch(/^tongban:|Error|^\s+at /m);
}

describe('tongban --version', () => {
  it('prints the package version and exits 0', async () => {
    const run = await cli('--version');
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(VERSION);
  });
});

describe('--data-dir whose parent folders do not exist (a fresh clone has no .tongban/)', () => {
  it(
    'migrate creates the folders and applies the schema',
    async () => {
      const dataDir = join(temp(), 'fresh', '.tongban', 'db');
      const run = await cli('migrate', '--data-dir', dataDir);
      expectOnlyProgress(run.stderr);
      expect(run.stdout).toMatch(/applied \d+ migration\(s\)/);
      expect(run.code).toBe(0);
      expect(existsSync(dataDir)).toBe(true);
    },
    SLOW,
  );

  it(
    'board opens the embedded database there instead of failing with ENOENT',
    async () => {
      const dataDir = join(temp(), 'fresh', '.tongban', 'db');
      const run = await cli('board', '--data-dir', dataDir);
      expect(run.stderr).not.toMatch(/ENOENT/);
      expect(existsSync(dataDir)).toBe(true);
    },
    SLOW,
  );

  it('says plainly when the folder cannot be made (a file is in the way)', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'file'), '');
    const run = await cli(
      'stats',
      '--from',
      '2026-01-01',
      '--to',
      '2026-01-31',
      '--data-dir',
      join(dir, 'file', 'sub', 'db'),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^tongban: cannot create the folder for --data-dir .*file\/sub\/db: ENOTDIR/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

/** PIDs of live processes whose command line mentions `marker` (Linux /proc). */
function processesMentioning(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe.skipIf(process.platform !== 'linux')('signals to the tongban PID (a real child process)', () => {
  let dataDir = '';

  afterEach(() => {
    // Before the fix the real worker outlived the launcher: end any such process this test started.
    for (const pid of processesMentioning(dataDir)) process.kill(pid, 'SIGKILL');
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s stops the worker itself, which exits 0 and leaves no process behind (waits for "worker … running")',
    async (signal) => {
      dataDir = join(temp(), 'db');
      expect((await cli('migrate', '--data-dir', dataDir)).code).toBe(0);
      const child: ChildProcess = spawn(process.execPath, [BIN, 'worker', '--data-dir', dataDir], {
        cwd: REPO_ROOT,
        env: { ...process.env, NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (chunk) => {
        stdout += String(chunk);
      });
      child.stderr?.on('data', (chunk) => {
        stderr += String(chunk);
      });
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
        child.on('exit', (code, signal) => done({ code, signal })),
      );
      // Wait (without a clock deadline of our own; the test's timeout bounds it) until it runs.
      while (!/worker \S+ running/.test(stdout)) {
        if (child.exitCode !== null) throw new Error(`worker ended early: ${stdout}${stderr}`);
        await sleep(100);
      }
      child.kill(signal);
      const exit = await exited;
      expectOnlyProgress(stderr);
      expect(stdout).toContain(`stopped on ${signal}`);
      expect(exit).toEqual({ code: 0, signal: null });
      expect(processesMentioning(dataDir)).toEqual([]);
    },
    SLOW,
  );
});
