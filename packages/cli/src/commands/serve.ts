import { createPgliteStore, type DurableRuntime, migrate, type TongbanStore } from '@tongban/adapters';
import type { CompileOptions } from '@tongban/engine';
import type { Command } from 'commander';
import { LANG_HELP, resolveLang } from '../i18n/lang.js';
import { serveMessages } from '../i18n/serve-messages.js';
import { registryOrExit } from '../options/calendar.js';
import { type DatabaseCliOptions, databaseOptions, openStore } from '../options/database.js';
import { EXIT_FAILURE, EXIT_OK } from '../options/exit-codes.js';
import { progressLine } from '../progress.js';
import { UsageError } from '../usage-error.js';
import { EXAMPLES_DIR } from './demo.js';
import { checkDevLoginFlags, consolePlugins } from './serve-console.js';

interface ServeOptions extends DatabaseCliOptions {
  readonly host: string;
  readonly port: string;
  readonly demo?: boolean;
  readonly workers: boolean;
  readonly corsOrigin?: string[];
  readonly overlay?: string[];
  readonly provisional?: boolean;
  readonly lang?: string;
  readonly console: boolean;
  readonly devLogin?: boolean;
}

type AuthOptions =
  | { readonly secret: string }
  | { readonly jwksUrl: string; readonly issuer: string; readonly audience: string };

/**
 * What `serve` uses of `@tongban/server`. The package is loaded only when `serve` runs, so the
 * published CLI works without it (and says how to add it) and builds without its declarations.
 */
interface ServerModule {
  buildServer(options: {
    readonly runtime: DurableRuntime;
    readonly auth: AuthOptions;
    readonly corsOrigins?: readonly string[];
    readonly compileOptions?: CompileOptions;
    readonly plugins?: readonly unknown[];
  }): Promise<{ listen(options: { host: string; port: number }): Promise<string>; close(): Promise<void> }>;
  startWorkers(
    runtime: DurableRuntime,
    options: { onError?: (error: unknown) => void },
  ): { stop(): Promise<void> };
  authFromEnv(): AuthOptions;
  randomSecret(): string;
  signToken(secret: string, claims: { sub: string; kind: string; department?: string }): Promise<string>;
  seedDemo(
    store: TongbanStore,
    options: { examplesDir: string; compileOptions?: CompileOptions },
  ): Promise<readonly { caseId: string; state: string; queryCode: string }[]>;
}

const SERVER_PACKAGE = '@tongban/server';

async function loadServer(message: string): Promise<ServerModule> {
  try {
    return (await import(SERVER_PACKAGE)) as ServerModule;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') throw new UsageError(message);
    throw error;
  }
}

/** The demo's callers: one token each, printed as shell variables for curl. */
const DEMO_CALLERS = [
  { name: 'LEAD', sub: '住建局-李强', kind: 'staff', department: '住房和城乡建设局' },
  { name: 'PLANNING', sub: '规划局-王芳', kind: 'staff', department: '自然资源和规划局' },
  { name: 'FIRE', sub: '消防-赵磊', kind: 'staff', department: '消防救援支队' },
  { name: 'AIR', sub: '人防办-孙丽', kind: 'staff', department: '人民防空办公室' },
  { name: 'OFFICER', sub: '住建局-王处长', kind: 'officer', department: '住房和城乡建设局' },
  { name: 'SUPERVISOR', sub: '监察室-陈', kind: 'supervisor' },
  { name: 'ADMIN', sub: '管理员', kind: 'admin' },
] as const;

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new UsageError(`--port must be 0 to 65535, got ${value}`);
  return n;
}

/** `tongban serve`: the HTTP API (and its workers) on PGlite or PostgreSQL. */
export function register(program: Command): void {
  databaseOptions(
    program
      .command('serve')
      .description(
        'serve the HTTP API (/api/v1, OpenAPI at /api/v1/openapi.json) with the timer and hook workers in-process; tokens: TONGBAN_JWT_SECRET or TONGBAN_JWKS_URL (docs/server.md)',
      )
      .option('--host <host>', 'address to listen on', '127.0.0.1')
      .option('--port <port>', 'port to listen on (0: any free port)', '8080')
      .option('--demo', 'deploy examples/ and play demo cases into varied states; prints tokens and 查询码')
      .option('--no-workers', 'do not run the timer, hook and service workers in this process')
      .option('--cors-origin <origin...>', 'browser origins allowed to call the API (default: none)')
      .option('--overlay <file...>', 'JSON calendar overlay(s) the cases count on (see docs/time-rules.md)')
      .option(
        '--provisional',
        'past the holiday data, count weekdays (marked provisional) instead of refusing',
      )
      .option('--lang <lang>', LANG_HELP)
      .option('--no-console', 'do not serve the web console at /')
      .option('--dev-login', 'the console offers a role picker that mints tokens (only with --demo)'),
  ).action(async (options: ServeOptions) => {
    const lang = resolveLang(options.lang);
    const say = serveMessages(lang);
    const listenPort = port(options.port);
    checkDevLoginFlags(options);
    const calendars = registryOrExit(options.overlay, 'serve');
    if (calendars === null) return;
    const server = await loadServer(say.noServer);
    let auth: AuthOptions;
    let demoSecret: string | null = null;
    if (options.demo === true && !process.env.TONGBAN_JWT_SECRET && !process.env.TONGBAN_JWKS_URL) {
      demoSecret = server.randomSecret();
      auth = { secret: demoSecret };
    } else {
      auth = server.authFromEnv();
    }
    const web = await consolePlugins(options, 'secret' in auth ? auth.secret : null, DEMO_CALLERS, [
      EXAMPLES_DIR,
    ]);
    const plugins = web.plugins;
    // The demo counts past the holiday data rather than refusing: it runs whatever the year.
    const compileOptions: CompileOptions = {
      calendars,
      provisional: options.provisional === true || options.demo === true,
    };
    progressLine(say.opening);
    const fromEnv =
      options.databaseUrl === undefined && options.dataDir === undefined && process.env.DATABASE_URL;
    // Default: the embedded database, in memory for the demo, else in ./.tongban/db.
    const store =
      options.databaseUrl === undefined && options.dataDir === undefined && !fromEnv && options.demo === true
        ? await createPgliteStore()
        : await openStore(
            options.databaseUrl === undefined && options.dataDir === undefined && !fromEnv
              ? { dataDir: './.tongban/db' }
              : options,
            10,
          );
    let stopWorkers: (() => Promise<void>) | null = null;
    let app: Awaited<ReturnType<ServerModule['buildServer']>> | null = null;
    try {
      await migrate(store.db);
      const { DurableRuntime } = await import('@tongban/adapters');
      const runtime = new DurableRuntime({ store, compileOptions });
      app = await server.buildServer({
        runtime,
        auth,
        compileOptions,
        plugins,
        ...(options.corsOrigin === undefined ? {} : { corsOrigins: options.corsOrigin }),
      });
      const demoCases = options.demo === true ? await seed(server, store, compileOptions, say.seeding) : [];
      if (options.workers) {
        const workers = server.startWorkers(runtime, {
          onError: (error) => process.stderr.write(`tongban serve: worker: ${(error as Error).message}\n`),
        });
        stopWorkers = () => workers.stop();
      }
      const url = await app.listen({ host: options.host, port: listenPort });
      const out = (line: string) => process.stdout.write(`${line}\n`);
      out(say.listening(url, options.workers));
      if (plugins.length > 0) out(`console: ${url}/${options.devLogin === true ? '#/login' : ''}`);
      if (web.designer !== null) out(`designer: ${url}${web.designer}`);
      if (options.demo === true) {
        out('');
        out(say.demoCases);
        for (const c of demoCases) out(`  ${c.caseId}  ${say.demoState[c.state] ?? c.state}  ${c.queryCode}`);
        if ('secret' in auth) {
          out('');
          out(say.tokens(demoSecret === null));
          for (const caller of DEMO_CALLERS) {
            const token = await server.signToken(auth.secret, {
              sub: caller.sub,
              kind: caller.kind,
              ...('department' in caller ? { department: caller.department } : {}),
            });
            out(`export TONGBAN_TOKEN_${caller.name}=${token}`);
          }
          out(say.curl(url));
        }
      }
      const signal = await new Promise<NodeJS.Signals>((done) => {
        process.once('SIGINT', () => done('SIGINT'));
        process.once('SIGTERM', () => done('SIGTERM'));
      });
      await app.close();
      app = null;
      if (stopWorkers !== null) await stopWorkers();
      stopWorkers = null;
      out(say.stopped(signal));
      process.exitCode = EXIT_OK;
    } catch (error) {
      if (error instanceof UsageError) throw error;
      if ((error as { code?: string }).code === 'EADDRINUSE')
        throw new UsageError(`--host ${options.host} --port ${options.port}: the address is in use`);
      process.exitCode = EXIT_FAILURE;
      throw error;
    } finally {
      if (app !== null) await app.close();
      if (stopWorkers !== null) await stopWorkers();
      await store.close();
    }
  });
}

async function seed(server: ServerModule, store: TongbanStore, compileOptions: CompileOptions, line: string) {
  progressLine(line);
  return server.seedDemo(store, { examplesDir: EXAMPLES_DIR, compileOptions });
}
