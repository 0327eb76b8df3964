import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../usage-error.js';
import { type DesignerServer, serveDesigner } from './designer.js';

describe('tongban designer', () => {
  let dir: string;
  let served: DesignerServer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tongban-designer-bundle-'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>通办 流程设计器</title>');
    await writeFile(join(dir, 'departments.json'), '{"departments":[]}');
    served = await serveDesigner(dir);
  });

  afterAll(async () => {
    await new Promise((done) => served.server.close(done));
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the bundle on 127.0.0.1 with content types', async () => {
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(served.url);
    expect(page.headers.get('content-type')).toContain('text/html');
    await expect(page.text()).resolves.toContain('通办 流程设计器');
    const json = await fetch(new URL('departments.json', served.url));
    expect(json.headers.get('content-type')).toContain('application/json');
  });

  it('serves nothing outside the bundle', async () => {
    expect((await fetch(new URL('missing.js', served.url))).status).toBe(404);
    // An encoded slash survives URL parsing and decodes to a path that climbs out: refused.
    expect((await fetch(new URL('/..%2f..%2f..%2fetc%2fpasswd', served.url))).status).toBe(403);
  });

  it('says how to build when there is no bundle', async () => {
    await expect(serveDesigner(join(dir, 'nowhere'))).rejects.toBeInstanceOf(UsageError);
  });
});
