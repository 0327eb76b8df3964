import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { UsageError } from '../usage-error.js';

/** Where the workspace's designer build lands (`pnpm --filter @tongban/designer build`). */
export const WORKSPACE_BUNDLE = fileURLToPath(new URL('../../../designer/dist', import.meta.url));

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.eot': 'application/vnd.ms-fontobject',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.png': 'image/png',
  '.map': 'application/json; charset=utf-8',
};

/** A running designer server. */
export interface DesignerServer {
  readonly url: string;
  readonly server: Server;
}

/**
 * Serves a built designer bundle (a static folder) on `host`:`port` (port 0: any free port). Only
 * files inside the folder are served; `/` is `index.html`.
 */
export async function serveDesigner(dir: string, port = 0, host = '127.0.0.1'): Promise<DesignerServer> {
  const root = resolve(dir);
  if (!existsSync(join(root, 'index.html'))) {
    throw new UsageError(
      `No designer bundle in ${root}. Build it first: pnpm --filter @tongban/designer build (or pass --dir).`,
    );
  }
  const server = createServer(async (request, response) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    } catch {
      response.writeHead(400).end('bad request');
      return;
    }
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (file !== root && !file.startsWith(root + sep)) {
      response.writeHead(403).end('forbidden');
      return;
    }
    try {
      const body = await readFile(file);
      response
        .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
        .end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    }
  });
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(port, host, ready);
  });
  const address = server.address() as AddressInfo;
  return { url: `http://${host}:${address.port}/`, server };
}

interface DesignerOptions {
  readonly port: string;
  readonly dir?: string;
}

/** `tongban designer`: serves the browser designer's static bundle on 127.0.0.1. */
export function register(program: Command): void {
  program
    .command('designer')
    .description('serve the browser process designer (the built static bundle) on 127.0.0.1')
    .option('--port <port>', 'port to listen on', '5180')
    .option('--dir <folder>', 'designer bundle folder (default: the workspace build, packages/designer/dist)')
    .action(async (options: DesignerOptions) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new UsageError(`--port must be a port number, not "${options.port}"`);
      }
      const { url } = await serveDesigner(options.dir ?? WORKSPACE_BUNDLE, port);
      process.stdout.write(`Tongban designer: ${url}  (Ctrl-C to stop)\n`);
      await new Promise<never>(() => {});
    });
}
