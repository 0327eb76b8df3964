import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { type DevLoginOptions, isDevLoginKind, mintToken } from './dev-login.js';
import type { DiagramSource } from './diagrams.js';
import { ConsoleNotBuiltError } from './errors.js';

/** Where `vite build` puts the console (`packages/console/dist`). */
export const CONSOLE_DIST_DIR = fileURLToPath(new URL('../../dist', import.meta.url));

/** Options of {@link consolePlugin}. */
export interface ConsolePluginOptions {
  /** The built console (default {@link CONSOLE_DIST_DIR}). */
  readonly distDir?: string;
  /** Enables the role picker's `POST /api/v1/dev-login` (check it with `checkDevLogin` first). */
  readonly devLogin?: DevLoginOptions | null;
  /** People the role picker offers, one button each (e.g. the demo's callers). */
  readonly people?: readonly DevLoginPerson[];
  /** Where the diagrams of the deployed processes are drawn (`GET /api/v1/diagrams/{processId}`). */
  readonly diagrams?: DiagramSource;
  /** The identity provider for production sign-in (OIDC code flow with PKCE in the browser). */
  readonly oidc?: { readonly authority: string; readonly clientId: string; readonly scope?: string } | null;
  /** Where the same server serves the designer (`designerPlugin`): admins get a link to it. */
  readonly designer?: string | null;
}

/** A person on the role picker. */
export interface DevLoginPerson {
  readonly sub: string;
  readonly kind: 'staff' | 'officer' | 'admin' | 'supervisor';
  readonly department?: string;
}

const MAX_ID = 64;

/** The console's content security policy: its own origin, plus the identity provider's for OIDC. */
export function contentSecurityPolicy(oidcAuthority: string | null): string {
  const provider = oidcAuthority === null ? '' : ` ${new URL(oidcAuthority).origin}`;
  return [
    "default-src 'self'",
    "base-uri 'self'",
    `connect-src 'self'${provider}`,
    "font-src 'self' data:",
    `form-action 'self'${provider}`,
    "frame-ancestors 'self'",
    "img-src 'self' data: blob:",
    "object-src 'none'",
    "script-src 'self'",
    "script-src-attr 'none'",
    "style-src 'self' 'unsafe-inline'",
  ].join('; ');
}

/**
 * Serves the web console at `/` on a server built by `buildServer` (pass it in `plugins`): the
 * static bundle, `/console-config.json` telling the page how people sign in, and — only when
 * `devLogin` is given — `POST /api/v1/dev-login`, which mints a token for the role picked.
 * Everything else the console does goes through the public API like any client.
 */
export function consolePlugin(options: ConsolePluginOptions = {}): FastifyPluginAsync {
  const root = options.distDir ?? CONSOLE_DIST_DIR;
  if (!existsSync(`${root}/index.html`)) throw new ConsoleNotBuiltError(root);
  const csp = contentSecurityPolicy(options.oidc?.authority ?? null);
  return async (app: FastifyInstance) => {
    // The console's own pages: the server's policy upgrades http to https (a hall PC reaching the
    // server over the LAN by http would load nothing) and lets the page call only its own origin
    // (oidc-client-ts must reach the identity provider).
    app.addHook('onSend', async (request, reply, payload) => {
      if (!request.url.startsWith('/api/')) void reply.header('content-security-policy', csp);
      return payload;
    });
    app.get('/console-config.json', async (_request, reply) => {
      const people = options.devLogin ? (options.people ?? []) : [];
      const departments = [...new Set(people.flatMap((p) => (p.department ? [p.department] : [])))];
      void reply.header('cache-control', 'no-store');
      return {
        devLogin: Boolean(options.devLogin),
        people,
        departments,
        oidc: options.oidc ? { scope: 'openid profile', ...options.oidc } : null,
        designer: options.designer ?? null,
      };
    });

    const diagrams = options.diagrams;
    app.get('/api/v1/diagrams/:processId', async (request, reply) => {
      // Under /api/, so the server's hook has checked the bearer token before this runs.
      const { processId } = request.params as { processId: string };
      const xml = diagrams ? await diagrams(processId) : null;
      if (xml === null)
        return reply
          .code(404)
          .type('application/problem+json')
          .send({
            type: 'about:blank',
            title: 'Not Found',
            status: 404,
            code: 'NOT_FOUND',
            detail: `no diagram for process ${processId}: the server was not told where its BPMN files are`,
          });
      return reply.type('application/xml; charset=utf-8').send(xml);
    });

    const devLogin = options.devLogin;
    if (devLogin) {
      app.post(
        '/api/v1/dev-login',
        {
          config: { public: true },
          schema: {
            summary: 'Development only (tongban serve --demo --dev-login): a token for the role picked',
            tags: ['development'],
            security: [],
            body: {
              type: 'object',
              additionalProperties: false,
              required: ['kind', 'sub'],
              properties: {
                kind: { type: 'string', enum: ['staff', 'officer', 'admin', 'supervisor'] },
                sub: { type: 'string', minLength: 1, maxLength: MAX_ID },
                department: { type: 'string', minLength: 1, maxLength: MAX_ID },
              },
            },
          },
        },
        async (request, reply) => {
          const body = request.body as { kind: unknown; sub: string; department?: string };
          const department = body.department ?? null;
          if (
            !isDevLoginKind(body.kind) ||
            ((body.kind === 'staff' || body.kind === 'officer') && !department)
          ) {
            return reply.code(400).type('application/problem+json').send({
              type: 'about:blank',
              title: 'Bad Request',
              status: 400,
              code: 'BAD_REQUEST',
              detail: 'body.department: staff and officers need a department',
            });
          }
          return mintToken(devLogin, { sub: body.sub, kind: body.kind, department });
        },
      );
    }

    await app.register(fastifyStatic, {
      root,
      prefix: '/',
      index: ['index.html'],
      wildcard: true,
      cacheControl: true,
      maxAge: 0,
      setHeaders: (response, path) => {
        // Hashed assets never change; index.html must be fetched again to find new ones.
        if (/[\\/]assets[\\/]/.test(path))
          response.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  };
}
