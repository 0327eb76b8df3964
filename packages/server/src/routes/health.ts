import { Type } from '@fastify/type-provider-typebox';
import type { Api } from '../http/api.js';
import { SERVER_VERSION } from '../version.js';

/** `GET /healthz`: up and running (no token; answers without touching the database). */
export function registerHealthRoutes(app: Api): void {
  app.get(
    '/healthz',
    {
      config: { public: true },
      schema: {
        summary: 'Liveness',
        tags: ['meta'],
        security: [],
        response: { 200: Type.Object({ ok: Type.Boolean(), version: Type.String() }) },
      },
    },
    async () => ({ ok: true, version: SERVER_VERSION }),
  );
}
