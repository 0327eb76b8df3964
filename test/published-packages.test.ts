/**
 * SLOW (minutes): what a user gets from npm. Packs @tongban/engine, @tongban/adapters and
 * @tongban/cli with `pnpm pack` (their `prepack` builds dist/), installs the tarballs with npm into
 * a temporary project outside the workspace (third-party dependencies come from the npm registry),
 * type-checks a strict consumer against them and runs it, then runs the installed `tongban` bin.
 * Most of the time goes to waiting for `npm install` and for tsc over drizzle-orm's declarations.
 */
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = join(ROOT, 'examples', 'construction-permit');
const PACKAGES = ['engine', 'adapters', 'cli'] as const;
/** Minutes, not seconds: npm install from the registry and tsc on a loaded machine. */
const SLOW = 900_000;

/**
 * Third-party declaration files that do not type-check with `skipLibCheck: false` on their own
 * (drizzle-orm's other dialects, PGlite's Emscripten and DOM types, undici's): reported, not ours.
 * Any diagnostic elsewhere — in our packages, in the consumer, in another library — fails the test.
 */
const UPSTREAM_DECLARATIONS = [
  'node_modules/drizzle-orm/',
  'node_modules/@electric-sql/pglite/',
  'node_modules/undici-types/',
];

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to its end (no timeout of its own: the test's timeout bounds it). */
async function run(file: string, args: readonly string[], cwd: string, env = process.env): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(file, [...args], {
      cwd,
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** The environment without pnpm's `npm_*` settings, so npm in the consumer behaves as a user's would. */
function plainEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { NO_COLOR: '1' };
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.toLowerCase().startsWith('npm_')) env[key] = value;
  }
  return env;
}

/** The version in a workspace package's package.json (what its tarball is named after). */
function versionOf(name: (typeof PACKAGES)[number]): string {
  return (
    JSON.parse(readFileSync(join(ROOT, 'packages', name, 'package.json'), 'utf8')) as { version: string }
  ).version;
}

let work = '';
const tarballs = new Map<(typeof PACKAGES)[number], string>();
let consumer = '';

describe('published packages (SLOW: builds, packs, then waits for npm install from the registry)', () => {
  beforeAll(async () => {
    work = realpathSync(mkdtempSync(join(tmpdir(), 'tongban-published-')));
    expect(relative(ROOT, work).startsWith('..'), 'the consumer lives outside the workspace').toBe(true);
    const packed = join(work, 'tarballs');
    mkdirSync(packed);
    // In dependency order: adapters' build reads the engine's freshly built declarations.
    for (const name of PACKAGES) {
      const result = await run('pnpm', ['pack', '--pack-destination', packed], join(ROOT, 'packages', name));
      expect(result.code, `pnpm pack @tongban/${name}\n${result.stdout}${result.stderr}`).toBe(0);
      tarballs.set(name, join(packed, `tongban-${name}-${versionOf(name)}.tgz`));
    }

    consumer = join(work, 'consumer');
    mkdirSync(consumer);
    writeFileSync(
      join(consumer, 'package.json'),
      JSON.stringify({ name: 'tongban-consumer', private: true, type: 'module' }, null, 2),
    );
    // A strict consumer: library declarations checked, Node's own module resolution.
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify(
        {
          compilerOptions: {
            target: 'ES2022',
            lib: ['ES2023'],
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            strict: true,
            skipLibCheck: false,
            types: ['node'],
            outDir: 'out',
          },
          files: ['consumer.ts'],
        },
        null,
        2,
      ),
    );
    copyFileSync(join(ROOT, 'test', 'published', 'consumer.ts'), join(consumer, 'consumer.ts'));
    copyFileSync(join(EXAMPLE, 'construction-permit.bpmn'), join(consumer, 'construction-permit.bpmn'));
    copyFileSync(join(EXAMPLE, 'scenario.json'), join(consumer, 'scenario.json'));
    const nodeTypes = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
        devDependencies: Record<string, string>;
      }
    ).devDependencies['@types/node'];
    const install = await run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        ...PACKAGES.map((name) => tarballs.get(name)!),
        `@types/node@${nodeTypes}`,
      ],
      consumer,
      plainEnv(),
    );
    expect(install.code, `npm install\n${install.stdout}${install.stderr}`).toBe(0);
  }, SLOW);

  afterAll(() => {
    if (work !== '') rmSync(work, { recursive: true, force: true });
  });

  it('tarballs hold built dist/, README and LICENSE, and no tests, sources or workspace links', async () => {
    for (const name of PACKAGES) {
      const listing = await run('tar', ['-tzf', tarballs.get(name)!], ROOT);
      expect(listing.code).toBe(0);
      const files = listing.stdout.trim().split('\n');
      expect(files, name).toEqual(
        expect.arrayContaining([
          'package/dist/index.js',
          'package/dist/index.d.ts',
          'package/README.md',
          'package/LICENSE',
        ]),
      );
      expect(
        files.filter((file) => /\.test\.|^package\/src\//.test(file)),
        name,
      ).toEqual([]);
      const manifest = readFileSync(join(consumer, 'node_modules', '@tongban', name, 'package.json'), 'utf8');
      expect(manifest).not.toContain('workspace:');
      expect(manifest).not.toContain('@tongban/source');
    }
    const cliFiles = (await run('tar', ['-tzf', tarballs.get('cli')!], ROOT)).stdout;
    expect(cliFiles).toContain('package/examples/construction-permit/construction-permit.bpmn');
    expect(cliFiles).toContain('package/examples/construction-permit/scenario.json');
  });

  it(
    'type-check a strict consumer (skipLibCheck false, NodeNext) with no error in our declarations',
    async () => {
      const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
      const result = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], consumer);
      const diagnostics = result.stdout
        .split('\n')
        .filter((line) => /^\S.*\(\d+,\d+\): error TS\d+/.test(line));
      const ours = diagnostics.filter(
        (line) => !UPSTREAM_DECLARATIONS.some((prefix) => line.startsWith(prefix)),
      );
      expect(ours).toEqual([]);
      // tsc still emits (noEmitOnError is off), so the next test runs what it compiled.
      expect(existsSync(join(consumer, 'out', 'consumer.js'))).toBe(true);
    },
    SLOW,
  );

  it(
    'run a consumer: compile a BPMN, a case in MemoryRuntime, a case durably in PGlite on disk',
    async () => {
      if (!existsSync(join(consumer, 'out', 'consumer.js'))) {
        const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
        await run(process.execPath, [tsc, '-p', 'tsconfig.json'], consumer);
      }
      const result = await run(
        process.execPath,
        ['out/consumer.js', 'construction-permit.bpmn', 'scenario.json', join(consumer, 'db')],
        consumer,
        plainEnv(),
      );
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const seen = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
      expect(seen).toMatchObject({
        processId: 'ConstructionPermit',
        tbPrefix: 'tb',
        simulatedStatus: 'completed',
        durableVersion: 2,
        reopenedVersion: 2,
        chainOk: true,
        validateCode: 0,
      });
      expect(seen.memoryEvents).toEqual(expect.arrayContaining(['case.started', 'task.completed']));
    },
    SLOW,
  );

  it(
    'run the installed `tongban` bin from dist/ (no src/, no tsx): --version, validate, demo',
    async () => {
      const installed = join(consumer, 'node_modules', '@tongban', 'cli');
      expect(existsSync(join(installed, 'src'))).toBe(false);
      expect(existsSync(join(consumer, 'node_modules', 'tsx'))).toBe(false);
      const bin = join(consumer, 'node_modules', '.bin', 'tongban');

      const version = await run(bin, ['--version'], consumer, plainEnv());
      expect(version).toEqual({ code: 0, stdout: `${versionOf('cli')}\n`, stderr: '' });

      const validate = await run(bin, ['validate', 'construction-permit.bpmn'], consumer, plainEnv());
      expect(validate.code).toBe(0);
      expect(validate.stderr).toBe('');
      expect(validate.stdout).toMatch(/^ok: construction-permit\.bpmn — process ConstructionPermit/);

      writeFileSync(join(consumer, 'broken.bpmn'), '<bpmn:definitions');
      const broken = await run(bin, ['validate', 'broken.bpmn'], consumer, plainEnv());
      expect(broken.code).toBe(1);

      // The demo's example ships inside the package (not looked up in node_modules/examples).
      const demo = await run(bin, ['demo', '--lang', 'zh-CN'], consumer, plainEnv());
      // stderr carries the progress lines only: no error, no stack trace.
      expect(demo.stderr).toContain('正在启动 tongban 演示…');
      expect(demo.stderr).not.toMatch(/^tongban:|Error|^\s+at /m);
      expect(demo.code).toBe(0);
      expect(demo.stdout).toContain('工程建设项目施工许可');
      expect(demo.stdout).toMatch(/^结果：办结/m);
    },
    SLOW,
  );
});
