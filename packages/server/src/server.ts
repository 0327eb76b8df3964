import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { TongbanError } from '@tongban/engine';
import Fastify, { type FastifyError } from 'fastify';
import { createVerifier } from './auth/verifier.js';
import { ensureDiagramTable } from './diagrams.js';
import type { Api } from './http/api.js';
import { HttpProblem, PROBLEM_TYPE, type Problem, problem, problemOfTongbanError } from './http/problem.js';
import { ProblemSchema } from './http/schemas.js';
import { buildValidator } from './http/validators.js';
import type { ServerOptions } from './options.js';
import { ensureQueryCodeTable } from './query-codes.js';
import { registerCaseRoutes } from './routes/cases.js';
import { registerCommandRoutes } from './routes/commands.js';
import { registerDefinitionRoutes } from './routes/definitions.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerPublicRoutes } from './routes/public.js';
import { registerStreamRoutes } from './routes/stream.js';
import { registerSupervisionRoutes } from './routes/supervision.js';
import { registerWorklistRoutes } from './routes/worklist.js';
import { SERVER_VERSION } from './version.js';

export { API_PREFIX_V1 as API_PREFIX } from './routes/prefix.js';

import { API_PREFIX_V1 as API_PREFIX } from './routes/prefix.js';

/**
 * Builds the Tongban HTTP server on a durable runtime: JSON over `/api/v1`, OpenAPI 3.1 at
 * `/api/v1/openapi.json`, errors as RFC 9457 problem details carrying the engine's code, the
 * actor of every command taken from the bearer token. Resolves with the Fastify instance, ready
 * to `listen`; closing it stops the event stream (the runtime's store is the caller's to close).
 */
export async function buildServer(options: ServerOptions): Promise<Api> {
  const verify = createVerifier(options.auth);
  const app: Api = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // Slow clients (a trickled body) are cut off by Node itself; the handler's own limit is below.
    requestTimeout: (options.requestTimeoutMs ?? 30_000) * 2,
    return503OnClosing: true,
    ajv: { customOptions: { removeAdditional: false, allErrors: false } },
    schemaController: { compilersFactory: { buildValidator } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  await ensureQueryCodeTable(options.runtime.store);
  await ensureDiagramTable(options.runtime.store);

  app.decorateRequest('principal', null);
  app.addSchema(ProblemSchema);
  app.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tongban API',
        version: SERVER_VERSION,
        description:
          'Parallel approval (并联审批) with electronic supervision. Every error is application/problem+json with the engine error `code`. The actor of every command is the bearer token’s (`sub`, `kind`, `department`).',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
      security: [{ bearer: [] }],
    },
  });
  await app.register(helmet, { global: true });
  await app.register(cors, {
    origin: options.corsOrigins && options.corsOrigins.length > 0 ? [...options.corsOrigins] : false,
    methods: ['GET', 'POST'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Last-Event-ID'],
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new HttpProblem('RATE_LIMITED', `too many requests: at most ${context.max} per ${context.after}`),
  });

  app.addHook('onRequest', async (request, reply) => {
    const config = request.routeOptions.config;
    if (config.stream !== true) {
      const limit = options.requestTimeoutMs ?? 30_000;
      const timer = setTimeout(() => {
        if (reply.sent) return;
        void reply
          .code(503)
          .type(PROBLEM_TYPE)
          .send(problem('REQUEST_TIMEOUT', `the request took longer than ${limit} ms and was abandoned`));
      }, limit);
      timer.unref();
      reply.raw.once('close', () => clearTimeout(timer));
    }
    if (config.public === true || request.is404 || !request.url.startsWith('/api/')) return;
    const header = request.headers.authorization;
    const match = header === undefined ? null : /^Bearer\s+(\S+)$/i.exec(header);
    if (match === null || match[1] === undefined)
      throw new HttpProblem('UNAUTHENTICATED', 'send Authorization: Bearer <JWT> (see docs/server.md)');
    request.principal = await verify(match[1]);
    if (request.principal.kind === 'applicant')
      throw new HttpProblem(
        'FORBIDDEN',
        'applicants follow their case on the public query: GET /api/v1/public/cases/{caseId}?code=…',
      );
  });

  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    const body = { ...toProblem(error, (e) => request.log.error(e)), instance: request.url.split('?')[0] };
    if (body.status === 401) void reply.header('www-authenticate', 'Bearer realm="tongban"');
    void reply.code(body.status).type(PROBLEM_TYPE).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const body = problem('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`);
    void reply.code(404).type(PROBLEM_TYPE).send(body);
  });

  // Every route this server answers, for tests that hold them against the OpenAPI document.
  const routes: { method: string; url: string }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  app.decorate('tongbanRoutes', routes);

  registerHealthRoutes(app);
  app.get(
    `${API_PREFIX}/openapi.json`,
    {
      config: { public: true },
      schema: { summary: 'This document (OpenAPI 3.1)', tags: ['meta'], security: [] },
    },
    async () => app.swagger(),
  );
  registerDefinitionRoutes(app, options);
  registerCaseRoutes(app, options);
  registerCommandRoutes(app, options);
  registerWorklistRoutes(app, options);
  registerSupervisionRoutes(app, options);
  registerPublicRoutes(app, options);
  registerStreamRoutes(app, options);
  for (const plugin of options.plugins ?? []) await app.register(plugin);
  await app.ready();
  return app;
}

/** The problem an error answers with; anything unexpected is logged and answered without detail. */
function toProblem(error: FastifyError | Error, log: (error: Error) => void): Problem {
  if (error instanceof HttpProblem) return error.problem;
  if (error instanceof TongbanError) return problemOfTongbanError(error);
  const fastifyError = error as FastifyError;
  if (fastifyError.validation !== undefined) {
    const first = fastifyError.validation[0];
    const context = fastifyError.validationContext ?? 'body';
    const missing = (first?.params as { missingProperty?: string } | undefined)?.missingProperty;
    const path = (first?.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
    const field = [context, path, missing].filter((part) => part !== undefined && part !== '').join('.');
    return problem('BAD_REQUEST', `${field}: ${first?.message ?? 'is not valid'}`, { field });
  }
  const status = fastifyError.statusCode;
  if (status === 413)
    return problem('PAYLOAD_TOO_LARGE', 'the request body is larger than the server accepts');
  if (status === 415) return problem('UNSUPPORTED_MEDIA_TYPE', fastifyError.message);
  if (status === 405) return problem('METHOD_NOT_ALLOWED', fastifyError.message);
  if (status === 400)
    return problem('BAD_JSON', `the request body could not be read: ${fastifyError.message}`);
  if (status === 429) return problem('RATE_LIMITED', 'too many requests');
  log(error);
  return problem('INTERNAL', 'the server failed to answer this request; the failure is logged');
}
