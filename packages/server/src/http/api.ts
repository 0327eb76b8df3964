import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Principal } from '../auth/principal.js';

/** The Fastify instance the routes are registered on, typed by the TypeBox provider. */
export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Open without a token (health, the OpenAPI document, the public query). */
    readonly public?: boolean;
    /** A long-lived answer (the event stream): not bounded by the request time limit. */
    readonly stream?: boolean;
  }
  interface FastifyInstance {
    /** Every route registered on the server (method and URL), in order. */
    readonly tongbanRoutes: readonly { readonly method: string; readonly url: string }[];
  }
  interface FastifyRequest {
    /** The caller, from the verified bearer token; null on public routes. */
    principal: Principal | null;
  }
}
