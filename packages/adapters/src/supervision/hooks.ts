import { createHmac, timingSafeEqual } from 'node:crypto';
import type { PayloadContext, Supervision, SupervisionPayload } from '@tongban/engine';
import { SUPERVISED_EVENT_TYPES, supervisionPayload } from '@tongban/engine/supervision';
import { WebhookRefusedError } from '../errors.js';
import type { Hook, HookDelivery } from '../outbox/hooks.js';
import type { DurableRuntime } from '../runtime/durable-runtime.js';
import { loadPayloadContext } from './context.js';

/**
 * A durable hook that feeds a {@link Supervision} hub: every supervised event reaches its handlers
 * at least once, through the outbox (a handler that throws makes the delivery retry).
 */
export function supervisionHook(
  supervision: Supervision,
  runtime: DurableRuntime,
  name = 'supervision',
): Hook {
  return {
    name,
    events: SUPERVISED_EVENT_TYPES,
    async deliver(delivery) {
      await supervision.publish(delivery.event, await loadPayloadContext(runtime, delivery.caseId));
    },
  };
}

/**
 * The signature header's value: `sha256=` and the hex HMAC-SHA256, with the shared secret, of
 * `<timestamp>.<raw body>`. The timestamp (Unix seconds, sent as `X-Tongban-Timestamp`) is signed
 * with the body so that a captured request cannot be replayed later with a fresh timestamp.
 */
export function signWebhookBody(secret: string, body: string, timestamp: number): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/** Options of {@link verifyWebhookSignature}. */
export interface WebhookVerifyOptions {
  /** Oldest (and furthest in the future) a timestamp may be, in seconds (default 300). */
  readonly toleranceSeconds?: number;
  /** The receiver's clock, epoch ms (default `Date.now()`). */
  readonly now?: number;
}

/**
 * What a receiver checks, in constant time: the `X-Tongban-Signature` header against the raw body
 * and the `X-Tongban-Timestamp` header, and that the timestamp is within `toleranceSeconds` of its
 * clock. A request replayed after that window fails; within it, de-duplicate on `Idempotency-Key`.
 */
export function verifyWebhookSignature(
  secret: string,
  body: string,
  signature: string | null | undefined,
  timestamp: string | null | undefined,
  options: WebhookVerifyOptions = {},
): boolean {
  if (typeof signature !== 'string' || typeof timestamp !== 'string' || !/^\d{1,15}$/.test(timestamp))
    return false;
  const seconds = Number(timestamp);
  const now = (options.now ?? Date.now()) / 1000;
  if (Math.abs(now - seconds) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhookBody(secret, body, seconds));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** What a webhook POSTs: one delivery of one event. */
export interface WebhookBody {
  /** Idempotency key: the same on every attempt of this delivery. */
  readonly id: string;
  readonly hook: string;
  readonly caseId: string;
  readonly seq: number;
  readonly attempt: number;
  /** The supervision payload (null for events supervisors do not watch). */
  readonly supervision: SupervisionPayload | null;
}

/** Options of {@link webhookHook}. */
export interface WebhookOptions {
  /** Hook name (stable: stored in the outbox). */
  readonly name: string;
  readonly url: string;
  /** Shared secret of the HMAC signature. */
  readonly secret: string;
  /** Event types delivered (default: every supervised event type). */
  readonly events?: readonly string[];
  /** Abort an attempt after this long (default 10 s); it is then retried. */
  readonly timeoutMs?: number;
  /** Enriches payloads with matter, department and clocks (e.g. `loadPayloadContext` of a runtime). */
  readonly context?: (caseId: string) => Promise<PayloadContext>;
  /** Extra request headers (e.g. an API key of the receiver). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A webhook (HTTP POST, JSON) for the outbox: register it in the runtime's `HookRegistry` and each
 * event is POSTed at least once, in order per case. Headers: `X-Tongban-Timestamp` (Unix seconds),
 * `X-Tongban-Signature` (HMAC-SHA256 of `<timestamp>.<raw body>` with the shared secret,
 * `sha256=<hex>`; see {@link verifyWebhookSignature}), `Idempotency-Key` (the same on every retry:
 * receivers de-duplicate on it), `X-Tongban-Event`, `X-Tongban-Attempt`. Any answer but 2xx, a
 * network error or a timeout makes the outbox retry with backoff. Redirects are never followed
 * (they would carry the signature and the custom headers to another address): a 3xx is a failed
 * attempt; configure the final URL.
 */
export function webhookHook(options: WebhookOptions): Hook {
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    name: options.name,
    events: options.events ?? SUPERVISED_EVENT_TYPES,
    async deliver(delivery: HookDelivery) {
      const context = options.context ? await options.context(delivery.caseId) : {};
      const body: WebhookBody = {
        id: delivery.key,
        hook: delivery.hook,
        caseId: delivery.caseId,
        seq: delivery.seq,
        attempt: delivery.attempt,
        supervision: supervisionPayload(delivery.event, context),
      };
      const text = JSON.stringify({ ...body, event: delivery.event });
      const timestamp = Math.floor(Date.now() / 1000);
      const response = await fetch(options.url, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          ...options.headers,
          'content-type': 'application/json; charset=utf-8',
          'x-tongban-timestamp': String(timestamp),
          'x-tongban-signature': signWebhookBody(options.secret, text, timestamp),
          'idempotency-key': delivery.key,
          'x-tongban-event': delivery.event.type,
          'x-tongban-attempt': String(delivery.attempt),
        },
        body: text,
        signal: AbortSignal.any([delivery.signal, AbortSignal.timeout(timeoutMs)]),
      });
      // Read the body so the connection is released either way.
      const answer = await response.text();
      const redirect = response.status >= 300 && response.status < 400;
      if (redirect || !response.ok) {
        const detail = redirect
          ? `redirecting to ${response.headers.get('location') ?? '(no location)'}; redirects are not followed: configure the final URL`
          : answer.slice(0, 200);
        throw new WebhookRefusedError(options.name, options.url, response.status, detail, delivery.caseId);
      }
    },
  };
}
