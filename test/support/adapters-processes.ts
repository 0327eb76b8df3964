// Child processes for the fault tests: TypeScript run through tsx with the workspace's source condition.
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const tsxLoader = require.resolve('tsx');
const workerScript = fileURLToPath(new URL('./adapters-fault-worker.ts', import.meta.url));

/** A running worker process and everything it printed so far. */
export interface WorkerProcess {
  readonly child: ChildProcess;
  readonly lines: string[];
  /** Resolves with the first printed line matching `test`. */
  waitFor(test: (line: string) => boolean, timeoutMs: number): Promise<string>;
  /** Resolves with the exit code (or the signal that ended it). */
  exited: Promise<number | NodeJS.Signals>;
}

export function spawnWorker(
  mode: 'burst' | 'timers' | 'pglite' | 'hold',
  env: Record<string, string>,
): WorkerProcess {
  const child = spawn(
    process.execPath,
    ['--import', tsxLoader, '--conditions=@tongban/source', workerScript, mode],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  const waiters: { test: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  let buffer = '';
  let errors = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const waiter of [...waiters]) {
        if (waiter.test(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    errors += chunk;
  });
  const exited = new Promise<number | NodeJS.Signals>((resolve) => {
    child.on('exit', (code, signal) => {
      if (code !== 0 && signal === null) process.stderr.write(`worker ${mode} exited ${code}:\n${errors}\n`);
      resolve(signal ?? code ?? -1);
    });
  });
  return {
    child,
    lines,
    exited,
    waitFor(test, timeoutMs) {
      const seen = lines.find(test);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`worker printed no matching line in ${timeoutMs} ms:\n${errors}`)),
          timeoutMs,
        );
        waiters.push({
          test,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
      });
    },
  };
}
