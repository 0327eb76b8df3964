import { Type } from '@fastify/type-provider-typebox';
import { callerOf } from '../auth/guard.js';
import { type Principal, readsEverything } from '../auth/principal.js';
import type { Api } from '../http/api.js';
import { HttpProblem } from '../http/problem.js';
import { errors } from '../http/schemas.js';
import type { ServerOptions } from '../options.js';
import { type FeedEvent, latestEventId, readEventsAfter } from '../stream/feed.js';
import { API_PREFIX_V1 } from './prefix.js';

const HEARTBEAT_MS = 15_000;

function visible(principal: Principal, event: FeedEvent): boolean {
  if (readsEverything(principal)) return true;
  return principal.department !== null && event.departments.includes(principal.department);
}

/** The event's SSE frame: `id` is the global event id, `event` its type. */
function frame(event: FeedEvent): string {
  const data = JSON.stringify({
    id: event.id,
    caseId: event.caseId,
    seq: event.seq,
    type: event.type,
    at: event.at,
    payload: event.payload,
  });
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${data}\n\n`;
}

/** `GET /api/v1/stream`: server-sent events of what the caller may see, resumable with Last-Event-ID. */
export function registerStreamRoutes(app: Api, options: ServerOptions): void {
  const { runtime } = options;
  const pollMs = options.streamPollMs ?? 500;
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const close of [...open]) close();
  });

  app.get(
    `${API_PREFIX_V1}/stream`,
    {
      config: { stream: true },
      schema: {
        summary:
          'Server-sent events (light changes, 催办, 督办, tasks opened and completed …) the caller may see',
        description:
          'Each event’s `id` is the store’s global event id: reconnect with `Last-Event-ID` (or `?lastEventId=`) to resume after it. Without one the stream starts with the next event. Staff see the events of cases their department takes part in.',
        tags: ['stream'],
        produces: ['text/event-stream'],
        headers: Type.Object({ 'last-event-id': Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$' })) }),
        querystring: Type.Object({ lastEventId: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$' })) }),
        response: { 200: { description: 'text/event-stream' }, ...errors() },
      },
    },
    async (request, reply) => {
      const principal = callerOf(request);
      const resume = request.headers['last-event-id'] ?? request.query.lastEventId;
      let cursor = resume === undefined ? await latestEventId(runtime.store) : Number(resume);
      if (!Number.isSafeInteger(cursor))
        throw new HttpProblem('BAD_REQUEST', 'headers.last-event-id: not an event id', {
          field: 'headers.last-event-id',
        });
      const holes = new Map<number, number>();
      reply.hijack();
      const raw = reply.raw;
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(reply.getHeaders()))
        if (typeof value === 'string') headers[name] = value;
      raw.writeHead(200, {
        ...headers,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      raw.write('retry: 2000\n: connected\n\n');
      let closed = false;
      let busy = false;
      let sinceBeat = Date.now();
      const poll = async (): Promise<void> => {
        if (busy || closed) return;
        busy = true;
        try {
          for (;;) {
            const events = await readEventsAfter(runtime.store, cursor, holes, Date.now());
            if (closed) return;
            for (const event of events) {
              cursor = event.id;
              if (visible(principal, event)) raw.write(frame(event));
            }
            if (events.length < 500) break;
          }
          if (Date.now() - sinceBeat >= HEARTBEAT_MS) {
            raw.write(': keep-alive\n\n');
            sinceBeat = Date.now();
          }
        } catch (error) {
          request.log.error(error);
        } finally {
          busy = false;
        }
      };
      const timer = setInterval(() => void poll(), pollMs);
      const close = (): void => {
        if (closed) return;
        closed = true;
        clearInterval(timer);
        open.delete(close);
        raw.end();
      };
      open.add(close);
      request.raw.once('close', close);
      raw.once('close', close);
      void poll();
    },
  );
}
