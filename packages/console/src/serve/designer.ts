import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { DesignerNotBuiltError } from './errors.js';
import { contentSecurityPolicy } from './plugin.js';

/** Where the server serves the designer: beside the console, on the same origin. */
export const DESIGNER_PATH = '/designer/';

/** Options of {@link designerPlugin}. */
export interface DesignerPluginOptions {
  /** The designer's `vite build` output (`packages/designer/dist`). */
  readonly distDir: string;
  /** The identity provider the console signs in with, for the page's content security policy. */
  readonly oidcAuthority?: string | null;
}

/**
 * Serves the built browser designer at `/designer/` on a server built by `buildServer`, with
 * `/designer/server.json` telling the page it is on a server: where the API is and where people
 * sign in. Same origin as the console on purpose: the designer reads the console's session (its
 * token in sessionStorage) instead of signing in a second way, and sends people to the console's
 * sign-in page when there is none.
 */
export function designerPlugin(options: DesignerPluginOptions): FastifyPluginAsync {
  const root = options.distDir;
  if (!existsSync(`${root}/index.html`)) throw new DesignerNotBuiltError(root);
  const csp = contentSecurityPolicy(options.oidcAuthority ?? null);
  return async (app: FastifyInstance) => {
    app.addHook('onSend', async (request, reply, payload) => {
      if (request.url.startsWith(DESIGNER_PATH)) void reply.header('content-security-policy', csp);
      return payload;
    });
    // Answers in place of the bundle's own server.json, which says "no server".
    app.get(`${DESIGNER_PATH}server.json`, async (_request, reply) => {
      void reply.header('cache-control', 'no-store');
      return { api: '/api/v1', signIn: '/#/login', console: '/' };
    });
    app.get('/designer', async (_request, reply) => reply.redirect(DESIGNER_PATH));
    await app.register(fastifyStatic, {
      root,
      prefix: DESIGNER_PATH,
      index: ['index.html'],
      wildcard: true,
      decorateReply: false,
      cacheControl: true,
      maxAge: 0,
      setHeaders: (response, path) => {
        if (/[\\/]assets[\\/]/.test(path))
          response.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  };
}
