/**
 * `tongban serve` with the web console (issue 19). The refusal is quick; the demo run is SLOW (a
 * minute: it waits for the process to open its database and play the demo cases, after building
 * the console if packages/console/dist is missing or stale).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { ensureConsoleBuilt } from '../../console/e2e/build.js';

const require = createRequire(import.meta.url);
const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

function serve(args: string[]) {
  const env = { ...process.env };
  delete env.TONGBAN_JWT_SECRET;
  delete env.TONGBAN_JWKS_URL;
  delete env.DATABASE_URL;
  const child = spawn(
    process.execPath,
    ['--import', require.resolve('tsx'), '--conditions=@tongban/source', main, 'serve', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], env },
  );
  const out = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out.stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    out.stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out, exited };
}

describe('tongban serve and the console', () => {
  it('refuses --dev-login without --demo, before opening anything', async () => {
    const run = serve(['--dev-login', '--port', '0', '--lang', 'en']);
    await expect(run.exited).resolves.toBe(2);
    expect(run.out.stderr).toContain('--dev-login');
    expect(run.out.stderr).toContain('--demo');
    expect(run.out.stdout).toBe('');
  });

  it('--demo --dev-login serves the console at / and its role picker mints tokens the API takes', async () => {
    await ensureConsoleBuilt();
    const run = serve(['--demo', '--dev-login', '--port', '0', '--lang', 'en']);
    try {
      await vi.waitFor(() => expect(run.out.stdout).toMatch(/console: http:\/\/\S+\/#\/login/), {
        timeout: 240_000,
        interval: 200,
      });
      const url = /serving on (http:\/\/[^\s(]+)/.exec(run.out.stdout)?.[1] ?? '';
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="app">');
      // Reached over the LAN by plain http (a hall PC), the page must not be upgraded to https.
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      const config = (await (await fetch(`${url}/console-config.json`)).json()) as {
        devLogin: boolean;
        people: { sub: string; kind: string }[];
      };
      expect(config.devLogin).toBe(true);
      expect(config.people.map((p) => p.kind)).toContain('supervisor');
      const minted = await fetch(`${url}/api/v1/dev-login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'supervisor', sub: '监察室-陈' }),
      });
      expect(minted.status).toBe(200);
      const { token } = (await minted.json()) as { token: string };
      const board = await fetch(`${url}/api/v1/board`, { headers: { authorization: `Bearer ${token}` } });
      expect(board.status).toBe(200);
      expect(((await board.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
      // The diagram of the demo's process is served to a signed-in reader only.
      const diagram = await fetch(`${url}/api/v1/diagrams/ConstructionPermit`);
      expect(diagram.status).toBe(401);
      // The designer beside the console when it is built (packages/designer/dist); else stderr says why.
      const designer = /^designer: (\S+)$/m.exec(run.out.stdout)?.[1];
      if (designer === undefined) expect(run.out.stderr).toContain('The designer is not built');
      else {
        expect(designer).toBe(`${url}/designer/`);
        const page = await fetch(designer);
        expect(page.status).toBe(200);
        expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
        expect(await (await fetch(`${designer}server.json`)).json()).toMatchObject({ api: '/api/v1' });
      }
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
    }
  });
});
