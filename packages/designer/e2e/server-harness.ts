import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createPgliteStore, DurableRuntime } from '@tongban/adapters';
import { consolePlugin, DESIGNER_PATH, designerPlugin } from '@tongban/console';
import { buildServer, signToken } from '@tongban/server';
import { ensureConsoleBuilt } from '../../console/e2e/build.js';
import { buildDesigner, REPO_DIR } from './harness.js';

export const SECRET = 'designer-e2e-secret-of-at-least-32-characters';
export const PERMIT_XML = readFileSync(
  join(REPO_DIR, 'examples', 'construction-permit', 'construction-permit.bpmn'),
  'utf8',
);

export interface DesignerServer {
  /** The server's origin, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Where the designer is, e.g. `http://127.0.0.1:41234/designer/`. */
  readonly designer: string;
  /** The deployed versions, as an admin lists them over HTTP. */
  definitions(): Promise<{ processId: string; version: number; hash: string; diagram: boolean }[]>;
  close(): Promise<void>;
}

/**
 * A real `buildServer` on port 0 over an in-memory PGlite serving the console (dev-login on, with
 * an administrator and a department's staff on the role picker) and the designer's test build at
 * `/designer/`, as `tongban serve --demo --dev-login` does; the construction-permit example is
 * deployed over HTTP as an admin would.
 */
export async function startDesignerServer(): Promise<DesignerServer> {
  const [consoleDist, designerDist] = await Promise.all([ensureConsoleBuilt(), buildDesigner()]);
  const store = await createPgliteStore();
  const runtime = new DurableRuntime({ store });
  const app = await buildServer({
    runtime,
    auth: { secret: SECRET },
    compileOptions: { provisional: true },
    plugins: [
      consolePlugin({
        distDir: consoleDist,
        devLogin: { secret: SECRET },
        people: [
          { sub: '管理员', kind: 'admin' },
          { sub: '住建局-李强', kind: 'staff', department: '住房和城乡建设局' },
        ],
        designer: DESIGNER_PATH,
      }),
      designerPlugin({ distDir: designerDist }),
    ],
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const admin = await signToken(SECRET, { sub: '管理员', kind: 'admin' });
  const headers = { authorization: `Bearer ${admin}` };
  const deployed = await fetch(`${url}/api/v1/definitions`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/xml' },
    body: PERMIT_XML,
  });
  if (deployed.status !== 201) throw new Error(`deploy: ${deployed.status} ${await deployed.text()}`);
  return {
    url,
    designer: `${url}${DESIGNER_PATH}`,
    async definitions() {
      const response = await fetch(`${url}/api/v1/definitions`, { headers });
      return ((await response.json()) as { items: Awaited<ReturnType<DesignerServer['definitions']>> }).items;
    },
    async close() {
      await app.close();
      await store.close();
    },
  };
}
