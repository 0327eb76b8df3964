// Test harness: a real server listening on port 0 over a real store, tokens signed with the
// test secret, and the construction-permit example deployed.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DurableRuntime, ManualClock, type TongbanStore } from '@tongban/adapters';
import { SignJWT } from 'jose';
import { type Api, buildServer, type ServerOptions } from '../src/index.js';

export const SECRET = 'test-secret-of-at-least-32-characters!!';
export const ROOT = join(import.meta.dirname, '..', '..', '..');
export const PERMIT_XML = readFileSync(
  join(ROOT, 'examples', 'construction-permit', 'construction-permit.bpmn'),
  'utf8',
);
export const LEAD = '住房和城乡建设局';
export const PLANNING = '自然资源和规划局';
export const FIRE = '消防救援支队';

export interface TestServer {
  readonly url: string;
  readonly app: Api;
  readonly runtime: DurableRuntime;
  readonly clock: ManualClock;
  /** A bearer token for this caller. */
  token(kind: string, sub: string, department?: string): Promise<string>;
  /** fetch with the token of `as` (null: no token), JSON body when `body` is an object. */
  call(path: string, init?: CallInit): Promise<Response>;
  close(): Promise<void>;
}

export interface CallInit {
  readonly method?: string;
  readonly as?: string | null;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export async function signToken(claims: Record<string, unknown>, secret = SECRET): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(secret));
}

export async function startServer(
  store: TongbanStore,
  extra: Partial<ServerOptions> = {},
): Promise<TestServer> {
  // A Monday morning in Beijing, 2026-03-02 09:00: the clock moves only when a test moves it.
  const clock = new ManualClock(Date.parse('2026-03-02T09:00:00+08:00'));
  const runtime = new DurableRuntime({ store, clock: clock.now });
  const app = await buildServer({ runtime, auth: { secret: SECRET }, ...extra });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const token = (kind: string, sub: string, department?: string) =>
    signToken({ sub, kind, ...(department === undefined ? {} : { department }) });
  const tokens = new Map<string, string>();
  const named: Record<string, [string, string, string?]> = {
    admin: ['admin', '管理员'],
    supervisor: ['supervisor', '监察-周'],
    lead: ['staff', '住建局-李强', LEAD],
    planning: ['staff', '规划局-王芳', PLANNING],
    fire: ['staff', '消防-赵磊', FIRE],
    applicant: ['applicant', '申请人-某公司'],
  };
  const call = async (path: string, init: CallInit = {}): Promise<Response> => {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    const as = init.as === undefined ? 'lead' : init.as;
    if (as !== null) {
      let t = tokens.get(as);
      if (t === undefined) {
        const [kind, sub, dept] = named[as] ?? ['staff', as, LEAD];
        t = await token(kind, sub, dept);
        tokens.set(as, t);
      }
      headers.authorization = `Bearer ${t}`;
    }
    let body: string | undefined;
    if (typeof init.body === 'string') body = init.body;
    else if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers['content-type'] = 'application/json';
    }
    return fetch(`${url}${path}`, {
      method: init.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      ...(body === undefined ? {} : { body }),
    });
  };
  return {
    url,
    app,
    runtime,
    clock,
    token,
    call,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

/** Deploys the construction-permit example as admin; returns its hash. */
export async function deployPermit(server: TestServer): Promise<string> {
  const response = await server.call('/api/v1/definitions', {
    as: 'admin',
    body: PERMIT_XML,
    headers: { 'content-type': 'application/xml' },
  });
  if (response.status !== 201) throw new Error(`deploy failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { hash: string }).hash;
}

/** Starts a construction-permit case as the lead department's staff; returns the 201 body. */
export async function startPermitCase(server: TestServer, caseId: string): Promise<StartAnswer> {
  const response = await server.call('/api/v1/cases', {
    body: { processId: 'ConstructionPermit', caseId, variables: { projectName: '滨江路小学改扩建工程' } },
  });
  if (response.status !== 201) throw new Error(`start failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as StartAnswer;
}

export interface StartAnswer {
  readonly case: {
    readonly caseId: string;
    readonly openTasks: { id: string; elementId: string; department: string }[];
  };
  readonly queryCode: string;
}

/** Reads server-sent events from a stream until `count` events came (or the stream ends). */
export async function readEvents(
  response: Response,
  count: number,
): Promise<{ id: number; event: string; data: { caseId: string; type: string } }[]> {
  const reader = response.body?.getReader();
  if (reader === undefined) throw new Error('no body');
  const decoder = new TextDecoder();
  let buffer = '';
  const out: { id: number; event: string; data: { caseId: string; type: string } }[] = [];
  while (out.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const fields = new Map<string, string>();
      for (const line of block.split('\n')) {
        const colon = line.indexOf(':');
        if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trim());
      }
      const data = fields.get('data');
      if (data !== undefined)
        out.push({ id: Number(fields.get('id')), event: fields.get('event') ?? '', data: JSON.parse(data) });
      end = buffer.indexOf('\n\n');
    }
  }
  await reader.cancel();
  return out.slice(0, count);
}
