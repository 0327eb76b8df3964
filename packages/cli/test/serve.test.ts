/**
 * SLOW (a minute): `tongban serve --demo` as a newcomer runs it — a real process on a free port —
 * then the session docs/server.md shows: start a case, complete every task as its department, and
 * follow it on the public query to 办结. Waits for the process to open its database and play the
 * demo cases before the first request.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';

const require = createRequire(import.meta.url);
const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

describe('tongban serve --demo', () => {
  it('serves the demo and takes a new case to 办结 over HTTP, then stops on SIGTERM', async () => {
    const env = { ...process.env };
    delete env.TONGBAN_JWT_SECRET;
    delete env.TONGBAN_JWKS_URL;
    delete env.DATABASE_URL;
    const child = spawn(
      process.execPath,
      [
        '--import',
        require.resolve('tsx'),
        '--conditions=@tongban/source',
        main,
        'serve',
        '--demo',
        '--port',
        '0',
        '--lang',
        'en',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], env },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await vi.waitFor(() => expect(stdout).toContain('export TONGBAN_TOKEN_ADMIN='), {
        timeout: 240_000,
        interval: 200,
      });
      const url = /serving on (http:\/\/\S+)/.exec(stdout)?.[1];
      expect(url).toBeDefined();
      const tokens = Object.fromEntries(
        [...stdout.matchAll(/^export TONGBAN_TOKEN_(\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]]),
      );
      expect(Object.keys(tokens)).toEqual([
        'LEAD',
        'PLANNING',
        'FIRE',
        'AIR',
        'OFFICER',
        'SUPERVISOR',
        'ADMIN',
      ]);
      for (const state of ['completed', 'yellow', 'red', '督办', 'green']) expect(stdout).toContain(state);
      const call = async (path: string, as: string, body?: unknown) => {
        const response = await fetch(`${url}${path}`, {
          method: body === undefined ? 'GET' : 'POST',
          headers: {
            authorization: `Bearer ${tokens[as]}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
      };
      const started = await call('/api/v1/cases', 'LEAD', {
        processId: 'ConstructionPermit',
        caseId: 'SGXK-2026-0100',
        variables: { projectName: '滨江路小学改扩建工程' },
      });
      expect(started.status).toBe(201);
      const code = started.body.queryCode as string;
      const byDepartment: Record<string, string> = {
        住房和城乡建设局: 'LEAD',
        自然资源和规划局: 'PLANNING',
        消防救援支队: 'FIRE',
        人民防空办公室: 'AIR',
      };
      // Each department completes its open tasks until the case is decided.
      for (let round = 0; round < 10; round++) {
        const view = await call('/api/v1/cases/SGXK-2026-0100', 'SUPERVISOR');
        if (view.body.status === 'completed') break;
        for (const task of view.body.openTasks as { id: string; department: string }[]) {
          const done = await call(
            '/api/v1/cases/SGXK-2026-0100/commands',
            byDepartment[task.department] ?? 'LEAD',
            {
              type: 'completeTask',
              taskId: task.id,
              department: task.department,
              outcome: 'approve',
              opinion: '同意',
            },
          );
          expect(done.status).toBe(200);
        }
      }
      const publicView = await fetch(
        `${url}/api/v1/public/cases/SGXK-2026-0100?code=${encodeURIComponent(code)}`,
      );
      expect(publicView.status).toBe(200);
      expect(await publicView.json()).toMatchObject({ status: 'completed', stages: [] });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited, stderr).toBe(0);
    expect(stdout).toContain('stopped on SIGTERM');
  }, 360_000);
});
