// Webhook requests cannot be replayed for ever, and never follow a redirect (issue 15, finding 6).
// Real HTTP servers on 127.0.0.1; the hook is called as the outbox dispatcher calls it.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type HookDelivery, verifyWebhookSignature, webhookHook } from '@tongban/adapters';
import { afterEach, describe, expect, it } from 'vitest';

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A server that records what it gets and answers as `answer` says. */
async function serve(answer: (received: Received) => { status: number; headers?: Record<string, string> }) {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      const got = { headers: request.headers, body };
      received.push(got);
      const { status, headers } = answer(got);
      response.writeHead(status, headers).end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, received };
}

const delivery = (): HookDelivery => ({
  key: 'c1:1:webhook',
  outboxId: 1,
  hook: 'webhook',
  caseId: 'c1',
  seq: 1,
  event: { type: 'case.started', caseId: 'c1', at: 0 } as HookDelivery['event'],
  attempt: 1,
  signal: new AbortController().signal,
});

describe('webhook security', () => {
  it('signs a timestamp with the body; a receiver refuses a stale or re-stamped request', async () => {
    const secret = 'shared-secret';
    const { url, received } = await serve(() => ({ status: 204 }));
    await webhookHook({ name: 'webhook', url, secret }).deliver(delivery());
    const [request] = received;
    if (request === undefined) throw new Error('no request received');
    const signature = request.headers['x-tongban-signature'] as string;
    const timestamp = request.headers['x-tongban-timestamp'] as string;
    expect(timestamp).toMatch(/^\d+$/);
    const sent = Number(timestamp) * 1000;
    expect(verifyWebhookSignature(secret, request.body, signature, timestamp, { now: sent })).toBe(true);
    // Replayed ten minutes later: too old (default tolerance 5 minutes).
    expect(verifyWebhookSignature(secret, request.body, signature, timestamp, { now: sent + 600_000 })).toBe(
      false,
    );
    // Replayed with a fresh timestamp header: the signature does not cover it.
    const fresh = String(Number(timestamp) + 600);
    expect(verifyWebhookSignature(secret, request.body, signature, fresh, { now: sent + 600_000 })).toBe(
      false,
    );
    expect(verifyWebhookSignature(secret, request.body, signature, undefined)).toBe(false);
  });

  it('does not follow a redirect to another host: the attempt fails and nothing reaches it', async () => {
    const other = await serve(() => ({ status: 200 }));
    const first = await serve(() => ({ status: 307, headers: { location: other.url } }));
    const hook = webhookHook({
      name: 'webhook',
      url: first.url,
      secret: 'shared-secret',
      headers: { 'x-api-key': 'receiver-key' },
    });
    await expect(hook.deliver(delivery())).rejects.toThrow(/307.*not followed/);
    expect(first.received).toHaveLength(1);
    expect(other.received).toHaveLength(0);
  });
});
