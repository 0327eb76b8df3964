// `tongban migrate`, `tongban audit verify` and `tongban worker` on a PGlite data directory.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPgliteStore, DurableRuntime, migrationsFolder } from '@tongban/adapters';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { cli, cliProcess } from '../packages/cli/test/support/cli.js';
import { checkThenDecide, parallelApproval, waitThenReview } from './support/adapters-models.js';

const dirs: string[] = [];
const freshDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'tongban-cli-db-'));
  dirs.push(dir);
  return join(dir, 'db');
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

const run = cli;

describe('tongban migrate', () => {
  it('applies the migrations once to a PGlite directory', async () => {
    const dataDir = freshDir();
    const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
      entries: unknown[];
    };
    const first = await run('migrate', '--data-dir', dataDir);
    expect(first).toMatchObject({ code: 0, stdout: `applied ${journal.entries.length} migration(s)\n` });
    // A new directory takes tens of seconds: each step is said on stderr as it starts.
    expect(first.stderr).toMatch(
      /^正在打开嵌入式数据库 .+…\n数据库已打开（\d+\.\d 秒）\n正在应用数据库迁移…\n$/,
    );
    expect(await run('migrate', '--data-dir', dataDir)).toMatchObject({
      code: 0,
      stdout: 'schema is up to date\n',
    });
  });

  it('is a usage error without a database, or with two', async () => {
    const saved = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    try {
      expect((await run('migrate')).code).toBe(2);
      expect((await run('migrate', '--data-dir', 'x', '--database-url', 'postgres://x')).code).toBe(2);
    } finally {
      if (saved !== undefined) process.env.DATABASE_URL = saved;
    }
  });
});

describe('tongban audit verify', () => {
  it('exits 0 for an intact chain and 1 with the first broken event after tampering', async () => {
    const dataDir = freshDir();
    const definition = parallelApproval();
    const store = await createPgliteStore({ dataDir });
    const runtime = new DurableRuntime({ store });
    await runtime.deploy(definition);
    await runtime.start(definition.hash, { type: 'start', caseId: 'audited' });
    const events = (await runtime.events('audited')).length;
    await store.close();

    expect(await run('audit', 'verify', 'audited', '--data-dir', dataDir)).toMatchObject({
      code: 0,
      stdout: `case audited: ${events} events, chain intact\n`,
    });

    const tamper = await createPgliteStore({ dataDir });
    if (tamper.driver.kind !== 'pglite') throw new Error('expected PGlite');
    await tamper.driver.client.query(`update events set at = at + 1 where case_id = 'audited' and seq = 2`);
    await tamper.close();
    const broken = await run('audit', 'verify', 'audited', '--data-dir', dataDir, '--json');
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout)).toMatchObject({ ok: false, brokenAt: 2 });
  });
});

describe('tongban audit anchor', () => {
  it('signs the chain heads with a key; verify --anchor finds a tail cut with the case row set back', async () => {
    const dataDir = freshDir();
    const definition = parallelApproval();
    const store = await createPgliteStore({ dataDir });
    const runtime = new DurableRuntime({ store });
    await runtime.deploy(definition);
    await runtime.start(definition.hash, { type: 'start', caseId: 'anchored' });
    await store.close();
    const keyFile = join(dirname(dataDir), 'anchor.key');
    writeFileSync(keyFile, 'k3y-held-by-the-supervision-office\n');
    const anchorFile = join(dirname(dataDir), 'anchor.json');
    const written = await run(
      'audit',
      'anchor',
      '--data-dir',
      dataDir,
      '--key-file',
      keyFile,
      '--output',
      anchorFile,
    );
    expect(written.code).toBe(0);
    // After the progress lines of opening the embedded database.
    expect(written.stderr.endsWith(`\nanchored 1 case(s) to ${anchorFile}\n`)).toBe(true);

    const tamper = await createPgliteStore({ dataDir });
    if (tamper.driver.kind !== 'pglite') throw new Error('expected PGlite');
    const { rows } = await tamper.driver.client.query<{ seq: number; hash: string }>(
      `select seq, hash from events where case_id = 'anchored' order by seq desc limit 1 offset 1`,
    );
    const kept = rows[0];
    if (kept === undefined) throw new Error('no events');
    await tamper.driver.client.query(`delete from events where case_id = 'anchored' and seq > $1`, [
      kept.seq,
    ]);
    await tamper.driver.client.query(`update cases set last_seq = $1, last_hash = $2 where id = 'anchored'`, [
      kept.seq,
      kept.hash,
    ]);
    await tamper.close();

    // Without the anchor the cut is consistent: the documented limit.
    expect((await run('audit', 'verify', 'anchored', '--data-dir', dataDir)).code).toBe(0);
    const found = await run(
      'audit',
      'verify',
      'anchored',
      '--data-dir',
      dataDir,
      '--anchor',
      anchorFile,
      '--key-file',
      keyFile,
    );
    expect(found.code).toBe(1);
    expect(found.stdout).toContain('events were removed');
    const otherKey = join(dirname(dataDir), 'other.key');
    writeFileSync(otherKey, 'a-key-the-database-administrator-made-up');
    const forgedKey = await run(
      'audit',
      'verify',
      'anchored',
      '--data-dir',
      dataDir,
      '--anchor',
      anchorFile,
      '--key-file',
      otherKey,
    );
    expect(forgedKey.code).toBe(1);
    expect(forgedKey.stderr).toContain('(ANCHOR_INVALID)');
  });
});

describe('tongban worker', () => {
  it('refuses an unreadable or malformed calendar overlay before it opens the database', async () => {
    const dataDir = freshDir();
    const missing = await run(
      'worker',
      '--data-dir',
      dataDir,
      '--overlay',
      join(dirname(dataDir), 'nope.json'),
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read overlay');
    const bad = join(dirname(dataDir), 'bad.json');
    writeFileSync(bad, JSON.stringify({ name: 'CN', extends: 'CN', holiday: {} }));
    const malformed = await run('worker', '--data-dir', dataDir, '--overlay', bad);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain("unknown field 'holiday'");
  });

  it('refuses a --hooks file that is not an ES module with exit 2 and a clear message, no stack trace', async () => {
    const result = await cliProcess(['worker', '--data-dir', freshDir(), '--hooks', '/etc/passwd']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('tongban: --hooks /etc/passwd: cannot load it as an ES module');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 180_000);

  it('refuses a data directory another store holds with exit 1, naming the holder', async () => {
    const dataDir = freshDir();
    const holder = await createPgliteStore({ dataDir });
    try {
      const result = await run('migrate', '--data-dir', dataDir);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`in use by process ${process.pid}`);
      expect(result.stderr).toContain('(DATA_DIR_LOCKED)');
    } finally {
      await holder.close();
    }
  });

  it('says once that its database is unreachable and that it retries, instead of every poll', async () => {
    const require = createRequire(import.meta.url);
    const main = fileURLToPath(new URL('../packages/cli/src/main.ts', import.meta.url));
    const child = spawn(
      process.execPath,
      [
        '--import',
        require.resolve('tsx'),
        '--conditions=@tongban/source',
        main,
        'worker',
        '--database-url',
        'postgres://postgres@127.0.0.1:1/nothing-listens-here',
        '--poll-ms',
        '10',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Waits for the first report of the outage.
    await vi.waitFor(() => expect(stderr).toContain('retrying with backoff'), {
      timeout: 120_000,
      interval: 100,
    });
    // Gives the four loops a second for more rounds: at --poll-ms 10 that was a hundred error lines.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^tongban worker: cannot reach the database \(.*ECONNREFUSED.*\); retrying/);
  }, 180_000);

  it('fires overdue timers, runs service handlers, delivers hooks, and stops on SIGTERM', async () => {
    const dataDir = freshDir();
    const definition = waitThenReview('PT1M');
    const service = checkThenDecide();
    const store = await createPgliteStore({ dataDir });
    const runtime = new DurableRuntime({ store, clock: () => Date.now() - 3_600_000 });
    await runtime.deploy(definition);
    await runtime.deploy(service);
    await runtime.start(definition.hash, { type: 'start', caseId: 'overdue' });
    await runtime.start(service.hash, { type: 'start', caseId: 'checked' });
    await store.close();

    const delivered = join(dirname(dataDir), 'delivered.txt');
    const hostModule = join(dirname(dataDir), 'host.mjs');
    writeFileSync(
      hostModule,
      `import { appendFileSync } from 'node:fs';
export const hooks = [{ name: 'log', deliver: async (d) => appendFileSync(${JSON.stringify(delivered)}, d.key + '\\n') }];
export const handlers = { checkLicence: async () => ({ licenceValid: true }) };
`,
    );

    const require = createRequire(import.meta.url);
    const main = fileURLToPath(new URL('../packages/cli/src/main.ts', import.meta.url));
    const child = spawn(
      process.execPath,
      [
        '--import',
        require.resolve('tsx'),
        '--conditions=@tongban/source',
        main,
        'worker',
        '--data-dir',
        dataDir,
        '--poll-ms',
        '50',
        '--hooks',
        hostModule,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await vi.waitFor(() => expect(stdout).toContain('running'), { timeout: 60_000, interval: 100 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // Nothing but the progress of opening the embedded database (Chinese or English by LANG).
    const opening = /^(正在打开嵌入式数据库|数据库已打开|opening the embedded database|database open)/;
    expect(stderr.split('\n').filter((line) => line !== '' && !opening.test(line))).toEqual([]);
    expect(stdout).toContain('running (hooks: log; handlers: checkLicence)');
    expect(stdout).toContain('stopped on SIGTERM: 1 timers fired');

    const after = await createPgliteStore({ dataDir });
    const check = new DurableRuntime({ store: after });
    expect((await check.timers('overdue'))[0]?.firedAt).not.toBeNull();
    expect((await check.tasks('overdue')).map((task) => task.elementId)).toEqual(['review']);
    expect((await check.tasks('checked')).map((task) => [task.elementId, task.status])).toEqual([
      ['check_licence', 'completed'],
      ['decide', 'open'],
    ]);
    const keys = readFileSync(delivered, 'utf8').trim().split('\n');
    const firedEvents = (await check.events('overdue')).filter((event) => event.seq > 2);
    expect(keys).toEqual(expect.arrayContaining(firedEvents.map((event) => `overdue:${event.seq}:log`)));
    await after.close();
  }, 180_000);
});
