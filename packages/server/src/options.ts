import type { DurableRuntime } from '@tongban/adapters';
import type { CompileOptions } from '@tongban/engine';
import type { FastifyPluginAsync, FastifyServerOptions } from 'fastify';
import type { AuthOptions } from './auth/verifier.js';

/** Options of {@link buildServer}. */
export interface ServerOptions {
  /** The durable runtime the API runs commands on (its store answers the reads). */
  readonly runtime: DurableRuntime;
  /** How bearer tokens are verified (see `authFromEnv`). */
  readonly auth: AuthOptions;
  /** Origins allowed to call the API from a browser; CORS is closed when empty or absent. */
  readonly corsOrigins?: readonly string[];
  /** Largest request body in bytes (default 1 MiB); larger bodies are answered 413. */
  readonly bodyLimit?: number;
  /** Longest time a request may take before it is answered 503 `REQUEST_TIMEOUT` (default 30 s). */
  readonly requestTimeoutMs?: number;
  /** Public query: requests per client address per minute (default 30). */
  readonly publicRateLimit?: number;
  /** How often the event stream looks for new events (default 500 ms). */
  readonly streamPollMs?: number;
  /** Calendars and horizon used when deploying definitions (as the workers use). */
  readonly compileOptions?: CompileOptions;
  /** Fastify's logger option (default off). */
  readonly logger?: FastifyServerOptions['logger'];
  /**
   * Extra plugins registered after the API (e.g. the console's static files at `/`). Routes outside
   * `/api/` are not authenticated by the API's hook: a plugin guards its own.
   */
  readonly plugins?: readonly FastifyPluginAsync[];
}
