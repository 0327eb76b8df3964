import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DurableRuntime,
  type Hook,
  HookRegistry,
  OutboxDispatcher,
  ServiceWorker,
  StatisticsRollupWorker,
  TimerWorker,
} from '@tongban/adapters';
import type { ServiceHandler } from '@tongban/engine';
import type { Command } from 'commander';
import { registryOrExit } from '../options/calendar.js';
import { type DatabaseCliOptions, databaseOptions, openStore } from '../options/database.js';
import { EXIT_OK } from '../options/exit-codes.js';
import { UsageError } from '../usage-error.js';
import { OutageReport } from '../worker-outage.js';

interface WorkerOptions extends DatabaseCliOptions {
  readonly concurrency?: string;
  readonly pollMs?: string;
  readonly hooks?: string;
  readonly rollupMs?: string;
  readonly overlay?: string[];
  readonly provisional?: boolean;
}

function positive(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a positive integer, got ${value}`);
  return n;
}

/** What a `--hooks` module provides: hooks (default export or `hooks`) and service `handlers`. */
interface HostModule {
  readonly hooks: HookRegistry;
  readonly handlers: Readonly<Record<string, ServiceHandler>>;
}

/**
 * Loads a host module: its default export (or `hooks` export) is an array of hooks or a
 * HookRegistry; its `handlers` export maps service-task handler names to functions.
 */
async function loadHostModule(path: string | undefined): Promise<HostModule> {
  if (path === undefined) return { hooks: new HookRegistry(), handlers: {} };
  let loaded: { default?: unknown; hooks?: unknown; handlers?: unknown };
  try {
    loaded = (await import(pathToFileURL(resolve(path)).href)) as typeof loaded;
  } catch (error) {
    // Not a module (a typo'd path, /etc/passwd, a syntax error): a usage error, not a stack trace.
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UsageError(
      `--hooks ${path}: cannot load it as an ES module (${reason}); give a .js or .mjs file exporting hooks and handlers (docs/operations.md)`,
    );
  }
  const hooksExport = loaded.hooks ?? loaded.default;
  let hooks = new HookRegistry();
  if (hooksExport instanceof HookRegistry) hooks = hooksExport;
  else if (Array.isArray(hooksExport)) for (const hook of hooksExport as Hook[]) hooks.register(hook);
  else if (hooksExport !== undefined) {
    throw new UsageError(`${path}: the hooks export must be an array of hooks or a HookRegistry`);
  }
  const handlers = loaded.handlers ?? {};
  if (typeof handlers !== 'object' || handlers === null) {
    throw new UsageError(`${path}: the handlers export must map handler names to functions`);
  }
  return { hooks, handlers: handlers as Record<string, ServiceHandler> };
}

/** `tongban worker`: fires timers and delivers hook events until SIGINT or SIGTERM. */
export function register(program: Command): void {
  databaseOptions(
    program
      .command('worker')
      .description(
        'fire due timers, deliver hook events and run service-task handlers until SIGINT/SIGTERM; run as many as you like',
      )
      .option('--concurrency <n>', 'cases fired at once (default 4)')
      .option('--poll-ms <ms>', 'pause between polls when idle (default 200)')
      .option('--rollup-ms <ms>', 'pause between statistics roll-ups when caught up (default 5000)')
      .option('--overlay <file...>', 'JSON calendar overlay(s) the cases count on (see docs/time-rules.md)')
      .option(
        '--provisional',
        'past the holiday data, count weekdays (marked provisional) instead of refusing',
      )
      .option(
        '--hooks <module>',
        'ES module exporting hooks to deliver to (default export or `hooks`) and service-task `handlers`',
      ),
  ).action(async (options: WorkerOptions) => {
    const concurrency = positive(options.concurrency, '--concurrency', 4);
    const pollMs = positive(options.pollMs, '--poll-ms', 200);
    const rollupMs = positive(options.rollupMs, '--rollup-ms', 5000);
    // Read before anything opens: a bad overlay stops the worker before it touches the database.
    const calendars = registryOrExit(options.overlay, 'worker');
    if (calendars === null) return;
    const { hooks, handlers } = await loadHostModule(options.hooks);
    const store = await openStore(options, concurrency + 1);
    const runtime = new DurableRuntime({
      store,
      hooks,
      compileOptions: { calendars, provisional: options.provisional === true },
    });
    let fired = 0;
    const outage = new OutageReport((line) => process.stderr.write(line));
    const onError = (error: unknown): void => outage.failed(error);
    const onRecover = (failedRounds: number): void => outage.recovered(failedRounds);
    const timers = new TimerWorker(runtime, {
      concurrency,
      pollMs,
      onError,
      onRecover,
      onFired: (_timer, firing) => {
        if (firing.kind === 'fired') fired++;
      },
    });
    const outbox = new OutboxDispatcher({ store, hooks, pollMs, onError, onRecover });
    const services = new ServiceWorker(runtime, { handlers, pollMs, onError, onRecover });
    // Folds new events into the statistics roll-up, off the command path (docs/operations.md).
    const rollup = new StatisticsRollupWorker({
      store,
      pollMs: rollupMs,
      batchSize: 5_000,
      onError,
      onRecover,
    });
    const stopped = new Promise<NodeJS.Signals>((done) => {
      process.once('SIGINT', () => done('SIGINT'));
      process.once('SIGTERM', () => done('SIGTERM'));
    });
    timers.start();
    outbox.start();
    services.start();
    rollup.start();
    const names = (list: string[]): string => list.join(', ') || 'none';
    process.stdout.write(
      `worker ${timers.workerId} running (hooks: ${names(hooks.names())}; handlers: ${names(Object.keys(handlers))})\n`,
    );
    const signal = await stopped;
    await Promise.all([timers.stop(), outbox.stop(), services.stop(), rollup.stop()]);
    await store.close();
    process.stdout.write(`stopped on ${signal}: ${fired} timers fired\n`);
    process.exitCode = EXIT_OK;
  });
}
