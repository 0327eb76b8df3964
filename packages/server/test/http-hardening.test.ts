// Bad input and abuse over real HTTP: body limits, schema errors naming the field, closed CORS,
// security headers, no stack traces, bounded request time, the public route's rate limit, and
// every route in the OpenAPI document.
import { createPgliteStore } from '@tongban/adapters';
import type { FastifyPluginAsync } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployPermit, startPermitCase, startServer, type TestServer } from './support.js';

type Problem = { status: number; code: string; detail: string; field?: string };

/** Routes a host adds through the `plugins` seam: one that fails, one that outlives the time limit. */
const hostPlugin: FastifyPluginAsync = async (app) => {
  app.get('/host/fails', async () => {
    throw new Error('database password is hunter2 at /srv/secret.ts:12');
  });
  app.get('/host/slow', async () => {
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    return { late: true };
  });
};

describe('HTTP hardening (PGlite)', () => {
  let server: TestServer;
  let code = '';
  beforeAll(async () => {
    server = await startServer(await createPgliteStore(), {
      bodyLimit: 64 * 1024,
      requestTimeoutMs: 500,
      publicRateLimit: 5,
      plugins: [hostPlugin],
    });
    await deployPermit(server);
    code = (await startPermitCase(server, 'H-1')).queryCode;
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers a body over the limit with 413 problem details', async () => {
    const response = await server.call('/api/v1/cases', {
      body: { processId: 'ConstructionPermit', caseId: 'BIG', variables: { blob: 'x'.repeat(100 * 1024) } },
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(((await response.json()) as Problem).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers schema errors with 400 naming the field', async () => {
    const body = await server.call('/api/v1/cases', {
      body: { processId: 'ConstructionPermit', caseId: 42 },
    });
    expect(body.status).toBe(400);
    const problem = (await body.json()) as Problem;
    expect(problem).toMatchObject({ code: 'BAD_REQUEST', field: 'body.caseId' });
    const missing = await server.call('/api/v1/cases', { body: { processId: 'ConstructionPermit' } });
    expect(((await missing.json()) as Problem).field).toBe('body.caseId');
    const query = await server.call('/api/v1/worklist?limit=0');
    expect(query.status).toBe(400);
    expect(((await query.json()) as Problem).field).toBe('querystring.limit');
    const command = await server.call('/api/v1/cases/H-1/commands', { body: { type: 'launchRocket' } });
    expect(command.status).toBe(400);
    expect(((await command.json()) as Problem).field).toBe('body.type');
    const json = await server.call('/api/v1/cases', {
      body: '{"caseId":',
      headers: { 'content-type': 'application/json' },
    });
    expect(json.status).toBe(400);
    expect(((await json.json()) as Problem).code).toBe('BAD_JSON');
    // The engine's own shape check names the field of a command (one definition of each command).
    const shape = await server.call('/api/v1/cases/H-1/commands', { body: { type: 'completeTask' } });
    expect(shape.status).toBe(400);
    expect(((await shape.json()) as Problem).code).toBe('BAD_COMMAND');
  });

  it('keeps CORS closed unless origins are configured', async () => {
    const simple = await server.call('/api/v1/definitions', { headers: { origin: 'https://evil.example' } });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${server.url}/api/v1/cases`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const open = await startServer(await createPgliteStore(), { corsOrigins: ['https://console.example'] });
    try {
      const allowed = await open.call('/healthz', {
        as: null,
        headers: { origin: 'https://console.example' },
      });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://console.example');
      const other = await open.call('/healthz', { as: null, headers: { origin: 'https://evil.example' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await open.close();
    }
  });

  it('sends security headers on answers and errors', async () => {
    for (const response of [
      await server.call('/healthz', { as: null }),
      await server.call('/api/v1/nothing'),
    ]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('strict-transport-security')).toContain('max-age=');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    }
  });

  it('never answers with a stack trace or an internal message', async () => {
    const response = await server.call('/host/fails', { as: null });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ code: 'INTERNAL', status: 500 });
    for (const leak of ['hunter2', 'secret.ts', 'stack', '    at ']) expect(text).not.toContain(leak);
    const notFound = await server.call('/api/v1/nothing');
    expect(notFound.status).toBe(404);
    expect(((await notFound.json()) as Problem).code).toBe('NOT_FOUND');
  });

  it('bounds the time a request may take (503 REQUEST_TIMEOUT, waiting for the 500 ms limit)', async () => {
    const response = await server.call('/host/slow', { as: null });
    expect(response.status).toBe(503);
    expect(((await response.json()) as Problem).code).toBe('REQUEST_TIMEOUT');
  });

  it('rate-limits the public query (429 problem details)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push(
        (await server.call(`/api/v1/public/cases/H-1?code=${encodeURIComponent(code)}`, { as: null })).status,
      );
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const limited = await server.call(`/api/v1/public/cases/H-1?code=${encodeURIComponent(code)}`, {
      as: null,
    });
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect(((await limited.json()) as Problem).code).toBe('RATE_LIMITED');
  });

  it('describes every API route in /api/v1/openapi.json (OpenAPI 3.1, no token needed)', async () => {
    const response = await server.call('/api/v1/openapi.json', { as: null });
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(document.openapi).toBe('3.1.0');
    const routes = server.app.tongbanRoutes.filter(
      (r) => r.method !== 'HEAD' && (r.url.startsWith('/api/') || r.url === '/healthz'),
    );
    expect(routes.length).toBeGreaterThanOrEqual(16);
    for (const route of routes) {
      const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
      expect(document.paths[path]?.[route.method.toLowerCase()], `${route.method} ${path}`).toBeDefined();
    }
    for (const path of [
      '/api/v1/definitions',
      '/api/v1/cases',
      '/api/v1/cases/{caseId}',
      '/api/v1/cases/{caseId}/events',
      '/api/v1/cases/{caseId}/commands',
      '/api/v1/worklist',
      '/api/v1/board',
      '/api/v1/statistics',
      '/api/v1/export',
      '/api/v1/audit/{caseId}',
      '/api/v1/stream',
      '/api/v1/public/cases/{caseId}',
    ])
      expect(Object.keys(document.paths)).toContain(path);
  });
});
