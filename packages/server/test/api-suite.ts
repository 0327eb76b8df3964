// The API's promises over real HTTP, run on PGlite and on the real PostgreSQL server.
import type { TongbanStore } from '@tongban/adapters';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deployPermit,
  FIRE,
  LEAD,
  PERMIT_XML,
  PLANNING,
  startPermitCase,
  startServer,
  type TestServer,
} from './support.js';

type Problem = { status: number; code: string; detail: string; field?: string; stack?: unknown };

export function apiSuite(label: string, store: () => Promise<TongbanStore>): void {
  describe(`HTTP API on ${label}`, () => {
    let server: TestServer;
    let queryCode = '';
    beforeAll(async () => {
      server = await startServer(await store());
      await deployPermit(server);
      queryCode = (await startPermitCase(server, 'SGXK-1')).queryCode;
    });
    afterAll(async () => {
      await server?.close();
    });

    it('refuses a missing, malformed or wrongly signed token with 401 problem details', async () => {
      for (const headers of [
        {} as Record<string, string>,
        { authorization: 'Bearer nonsense' },
        { authorization: 'Basic abc' },
      ]) {
        const response = await server.call('/api/v1/cases/SGXK-1', { as: null, headers });
        expect(response.status).toBe(401);
        expect(response.headers.get('content-type')).toContain('application/problem+json');
        expect(response.headers.get('www-authenticate')).toContain('Bearer');
        expect(((await response.json()) as Problem).code).toBe('UNAUTHENTICATED');
      }
      const forged = await server.token('supervisor', 'x');
      const tampered = `${forged.slice(0, -3)}${forged.endsWith('A') ? 'B' : 'A'}AA`;
      const response = await server.call('/api/v1/cases/SGXK-1', {
        as: null,
        headers: { authorization: `Bearer ${tampered}` },
      });
      expect(response.status).toBe(401);
      // A staff token without a department cannot act for anyone.
      const noDepartment = await server.token('staff', 'somebody');
      const refused = await server.call('/api/v1/cases', {
        as: null,
        headers: { authorization: `Bearer ${noDepartment}` },
      });
      expect(refused.status).toBe(401);
    });

    it('lets only admins deploy', async () => {
      for (const as of ['lead', 'supervisor']) {
        const response = await server.call('/api/v1/definitions', {
          as,
          body: '<definitions/>',
          headers: { 'content-type': 'application/xml' },
        });
        expect(response.status).toBe(403);
        expect(((await response.json()) as Problem).code).toBe('FORBIDDEN');
      }
      const list = await server.call('/api/v1/definitions', { as: 'supervisor' });
      expect(
        ((await list.json()) as { items: { processId: string }[] }).items.map((d) => d.processId),
      ).toContain('ConstructionPermit');
    });

    it('keeps the drawing a definition was deployed from, for the designer to open', async () => {
      const list = (await (await server.call('/api/v1/definitions', { as: 'admin' })).json()) as {
        items: { processId: string; hash: string; diagram: boolean }[];
      };
      const permit = list.items.find((d) => d.processId === 'ConstructionPermit');
      expect(permit?.diagram).toBe(true);
      const drawing = await server.call(`/api/v1/definitions/${permit?.hash}/diagram`, { as: 'supervisor' });
      expect(drawing.status).toBe(200);
      expect(drawing.headers.get('content-type')).toContain('application/xml');
      expect(await drawing.text()).toBe(PERMIT_XML);
      const unknown = await server.call('/api/v1/definitions/no-such-hash/diagram', { as: 'admin' });
      expect(unknown.status).toBe(404);
      expect(((await unknown.json()) as Problem).code).toBe('NO_DEFINITION');
      const applicant = await server.call(`/api/v1/definitions/${permit?.hash}/diagram`, { as: 'applicant' });
      expect(applicant.status).toBe(403);
    });

    it('answers a model outside the subset with its diagnostics as problem details (422)', async () => {
      const response = await server.call('/api/v1/definitions', {
        as: 'admin',
        body: '<not-bpmn>',
        headers: { 'content-type': 'application/xml' },
      });
      expect(response.status).toBe(422);
      const body = (await response.json()) as Problem & { diagnostics: { code: string }[] };
      expect(body.code).toBe('INVALID_DEFINITION');
      expect(body.diagnostics.length).toBeGreaterThan(0);
    });

    it("scopes reads: the case's departments and supervisors see it, others as if it did not exist", async () => {
      const seen = await server.call('/api/v1/cases/SGXK-1', { as: 'lead' });
      expect(seen.status).toBe(200);
      // A department that takes part reads the application's data (its materials), unlike the public.
      expect(((await seen.json()) as { variables: Record<string, unknown> }).variables).toMatchObject({
        projectName: '滨江路小学改扩建工程',
      });
      expect((await server.call('/api/v1/cases/SGXK-1', { as: 'supervisor' })).status).toBe(200);
      const hidden = await server.call('/api/v1/cases/SGXK-1', { as: 'fire' });
      const unknown = await server.call('/api/v1/cases/NO-SUCH', { as: 'fire' });
      expect(hidden.status).toBe(404);
      expect(unknown.status).toBe(404);
      expect(((await hidden.json()) as Problem).code).toBe('NO_CASE');
      expect((await server.call('/api/v1/cases/SGXK-1/events', { as: 'fire' })).status).toBe(404);
      // Applicants have only the public view.
      const applicant = await server.call('/api/v1/cases/SGXK-1', { as: 'applicant' });
      expect(applicant.status).toBe(403);
    });

    it('takes the actor from the token: a body actor is refused and nothing is written', async () => {
      const before = (await (await server.call('/api/v1/cases/SGXK-1')).json()) as {
        version: number;
        openTasks: { id: string }[];
      };
      const task = before.openTasks[0]!;
      const spoofed = await server.call('/api/v1/cases/SGXK-1/commands', {
        as: 'fire',
        body: {
          type: 'completeTask',
          taskId: task.id,
          department: LEAD,
          actor: { id: '住建局-李强', department: LEAD },
        },
      });
      expect(spoofed.status).toBe(400);
      const problem = (await spoofed.json()) as Problem;
      expect(problem.code).toBe('ACTOR_IN_BODY');
      expect(problem.field).toBe('body.actor');
      // Without the body actor, the engine judges the token's actor: another department may not.
      const other = await server.call('/api/v1/cases/SGXK-1/commands', {
        as: 'fire',
        body: { type: 'completeTask', taskId: task.id, department: LEAD },
      });
      expect(other.status).toBe(403);
      expect(((await other.json()) as Problem).code).toBe('FORBIDDEN');
      const after = (await (await server.call('/api/v1/cases/SGXK-1')).json()) as { version: number };
      expect(after.version).toBe(before.version);
      // A body actor on a start is refused the same way.
      const start = await server.call('/api/v1/cases', {
        body: { processId: 'ConstructionPermit', caseId: 'SGXK-X', actor: { id: 'someone', kind: 'admin' } },
      });
      expect(start.status).toBe(400);
      expect(((await start.json()) as Problem).code).toBe('ACTOR_IN_BODY');
    });

    it('supervisors only urge and supervise; they cannot complete tasks', async () => {
      const view = (await (await server.call('/api/v1/cases/SGXK-1')).json()) as {
        openTasks: { id: string }[];
      };
      const complete = await server.call('/api/v1/cases/SGXK-1/commands', {
        as: 'supervisor',
        body: { type: 'completeTask', taskId: view.openTasks[0]!.id, department: LEAD },
      });
      expect(complete.status).toBe(403);
      const urge = await server.call('/api/v1/cases/SGXK-1/commands', {
        as: 'supervisor',
        body: { type: 'urge', message: '请加快办理' },
      });
      expect(urge.status).toBe(200);
      const events = (await (
        await server.call('/api/v1/cases/SGXK-1/events', { as: 'supervisor' })
      ).json()) as {
        items: { type: string; payload: { data?: { actor?: string } } }[];
      };
      const urged = events.items.find((e) => e.type === 'task.urged');
      expect(urged?.payload.data?.actor).toBe('监察-周');
    });

    it('replays the first answer for the same Idempotency-Key and command, and refuses another command with it (409)', async () => {
      const view = (await (await server.call('/api/v1/cases/SGXK-1')).json()) as {
        openTasks: { id: string }[];
      };
      const command = {
        type: 'completeTask',
        taskId: view.openTasks[0]!.id,
        department: LEAD,
        opinion: '材料齐全，予以受理',
      };
      const headers = { 'idempotency-key': 'accept-SGXK-1' };
      const first = await server.call('/api/v1/cases/SGXK-1/commands', { body: command, headers });
      expect(first.status).toBe(200);
      const firstBody = (await first.json()) as {
        version: number;
        replayed: boolean;
        openTasks: { department: string }[];
      };
      expect(firstBody.replayed).toBe(false);
      expect(firstBody.openTasks.map((t) => t.department)).toContain(PLANNING);
      const again = await server.call('/api/v1/cases/SGXK-1/commands', { body: command, headers });
      expect(again.status).toBe(200);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      const againBody = (await again.json()) as { version: number; replayed: boolean };
      expect(againBody).toMatchObject({ version: firstBody.version, replayed: true });
      const different = await server.call('/api/v1/cases/SGXK-1/commands', {
        body: { ...command, opinion: '另一个意见' },
        headers,
      });
      expect(different.status).toBe(409);
      const mismatch = (await different.json()) as Problem;
      expect(mismatch.code).toBe('IDEMPOTENCY_KEY_MISMATCH');
      expect(mismatch.detail).toContain('Idempotency-Key accept-SGXK-1 ');
      // Keys belong to their caller: another person's same key is a fresh key.
      const otherCaller = await server.call('/api/v1/cases/SGXK-1/commands', {
        as: 'supervisor',
        body: { type: 'urge', message: '请按时办结' },
        headers,
      });
      expect(otherCaller.status).toBe(200);
      expect(((await otherCaller.json()) as { replayed: boolean }).replayed).toBe(false);
    });

    it('a replayed start answers the same case with a fresh 查询码; the earlier code stops working', async () => {
      const body = { processId: 'ConstructionPermit', caseId: 'SGXK-R' };
      const headers = { 'idempotency-key': 'start-SGXK-R' };
      const first = await server.call('/api/v1/cases', { body, headers });
      expect(first.status).toBe(201);
      const a = (await first.json()) as { queryCode: string; case: { version: number } };
      const again = await server.call('/api/v1/cases', { body, headers });
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      const b = (await again.json()) as { queryCode: string; case: { version: number; replayed: boolean } };
      expect(b.case).toMatchObject({ version: a.case.version, replayed: true });
      expect(b.queryCode).not.toBe(a.queryCode);
      const old = await server.call(`/api/v1/public/cases/SGXK-R?code=${encodeURIComponent(a.queryCode)}`, {
        as: null,
      });
      expect(old.status).toBe(404);
      const fresh = await server.call(`/api/v1/public/cases/SGXK-R?code=${encodeURIComponent(b.queryCode)}`, {
        as: null,
      });
      expect(fresh.status).toBe(200);
      // Without a key, starting the same case again is the engine's CASE_EXISTS, and no code is issued.
      const twice = await server.call('/api/v1/cases', { body });
      expect(twice.status).toBe(409);
      expect(((await twice.json()) as Problem).code).toBe('CASE_EXISTS');
      const still = await server.call(`/api/v1/public/cases/SGXK-R?code=${encodeURIComponent(b.queryCode)}`, {
        as: null,
      });
      expect(still.status).toBe(200);
    });

    it('shows each department its own worklist and refuses another department’s', async () => {
      const planning = await server.call('/api/v1/worklist', { as: 'planning' });
      expect(planning.status).toBe(200);
      const page = (await planning.json()) as {
        total: number;
        items: { caseId: string; task: { department: string } }[];
      };
      expect(page.items.some((i) => i.caseId === 'SGXK-1')).toBe(true);
      expect(page.items.every((i) => i.task.department === PLANNING)).toBe(true);
      const other = await server.call(`/api/v1/worklist?department=${encodeURIComponent(LEAD)}`, {
        as: 'planning',
      });
      expect(other.status).toBe(403);
      const supervisor = await server.call(`/api/v1/worklist?department=${encodeURIComponent(FIRE)}`, {
        as: 'supervisor',
      });
      expect(supervisor.status).toBe(200);
      const none = await server.call('/api/v1/worklist', { as: 'supervisor' });
      expect(none.status).toBe(400);
      expect(((await none.json()) as Problem).code).toBe('BAD_WORKLIST_QUERY');
    });

    it('the public view shows progress with the 查询码, no opinions, names or variables; a wrong code is an unknown case', async () => {
      const ok = await server.call(`/api/v1/public/cases/SGXK-1?code=${encodeURIComponent(queryCode)}`, {
        as: null,
      });
      expect(ok.status).toBe(200);
      const text = await ok.text();
      const view = JSON.parse(text) as { status: string; stages: { name: string }[]; promisedDate: string };
      expect(view.status).toBe('running');
      expect(view.stages.map((s) => s.name)).toContain('规划审查');
      expect(view.promisedDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      for (const secret of [
        '材料齐全',
        '住建局-李强',
        '监察-周',
        '滨江路小学',
        'projectName',
        'opinion',
        'variables',
      ])
        expect(text).not.toContain(secret);
      const wrong = await server.call('/api/v1/public/cases/SGXK-1?code=AAAA-BBBB-CCCC', { as: null });
      const unknown = await server.call(
        `/api/v1/public/cases/NO-SUCH?code=${encodeURIComponent(queryCode)}`,
        { as: null },
      );
      expect(wrong.status).toBe(404);
      expect(unknown.status).toBe(404);
      const strip = (p: Record<string, unknown>) => ({ ...p, instance: undefined });
      expect(strip(await wrong.json())).toEqual(strip(await unknown.json()));
      // The code is stored only as a hash.
      const rows = await server.runtime.store.query<{ code_hash: string }>(
        (await import('drizzle-orm')).sql`select code_hash from server_query_codes where case_id = 'SGXK-1'`,
      );
      expect(rows[0]?.code_hash).not.toContain(queryCode.replaceAll('-', ''));
      expect(rows[0]?.code_hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('board is scoped for staff; statistics, export and audit are for supervisors', async () => {
      const board = (await (await server.call('/api/v1/board', { as: 'planning' })).json()) as {
        items: { tasks: { department: string }[] }[];
      };
      expect(board.items.length).toBeGreaterThan(0);
      expect(board.items.flatMap((c) => c.tasks).every((t) => t.department === PLANNING)).toBe(true);
      for (const path of [
        '/api/v1/statistics?from=2026-01-01&to=2026-12-31',
        '/api/v1/export',
        '/api/v1/audit/SGXK-1',
      ])
        expect((await server.call(path, { as: 'lead' })).status).toBe(403);
      const stats = await server.call('/api/v1/statistics?from=2026-01-01&to=2026-12-31&by=department', {
        as: 'supervisor',
      });
      expect(stats.status).toBe(200);
      const csv = await server.call('/api/v1/export?what=cases&format=csv', { as: 'supervisor' });
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      expect(await csv.text()).toContain('SGXK-1');
      const audit = (await (await server.call('/api/v1/audit/SGXK-1', { as: 'supervisor' })).json()) as {
        verdict: { ok: boolean };
      };
      expect(audit.verdict.ok).toBe(true);
      const search = (await (
        await server.call('/api/v1/cases?status=running', { as: 'supervisor' })
      ).json()) as {
        total: number;
      };
      expect(search.total).toBeGreaterThan(0);
    });

    // Last in the suite: it moves the clock past every open task's deadline.
    it('pages the board with offset and answers its total and the urgency counts', async () => {
      await startPermitCase(server, 'BOARD-PAGE-1');
      await startPermitCase(server, 'BOARD-PAGE-2');
      type Board = {
        items: { caseId: string }[];
        total: number;
        counts: { red: number; yellow: number; green: number; none: number };
      };
      const read = async (query: string, as = 'supervisor') => {
        const response = await server.call(`/api/v1/board${query}`, { as });
        expect(response.status).toBe(200);
        return (await response.json()) as Board;
      };
      const all = await read('?limit=500');
      const ids = all.items.map((c) => c.caseId);
      expect(ids).toEqual(expect.arrayContaining(['SGXK-1', 'BOARD-PAGE-1', 'BOARD-PAGE-2']));
      expect(all.total).toBe(ids.length);
      const { red, yellow, green, none } = all.counts;
      expect(red + yellow + green + none).toBe(all.total);
      // One case a page, in board order: the pages put together are the whole board.
      const paged: string[] = [];
      for (let offset = 0; offset < all.total; offset++) {
        const page = await read(`?limit=1&offset=${offset}`);
        expect(page).toMatchObject({ total: all.total, counts: all.counts });
        paged.push(...page.items.map((c) => c.caseId));
      }
      expect(paged).toEqual(ids);
      expect(await read(`?offset=${all.total}`)).toEqual({ items: [], total: all.total, counts: all.counts });
      // A staff member's board counts only the cases of their department.
      const planning = await read('?limit=500', 'planning');
      expect(planning.total).toBe(planning.items.length);
      expect(Object.values(planning.counts).reduce((a, b) => a + b, 0)).toBe(planning.total);
      // Past every deadline all open cases are red; a light filter narrows items and total, not counts.
      server.clock.set(Date.parse('2026-06-01T09:00:00+08:00'));
      const late = await read('?limit=500');
      expect(late.counts).toEqual({ red: all.total, yellow: 0, green: 0, none: 0 });
      expect(await read('?light=green')).toEqual({ items: [], total: 0, counts: late.counts });
      const onlyRed = await read('?light=red&limit=2&offset=1');
      expect(onlyRed).toMatchObject({ total: all.total, counts: late.counts });
      expect(onlyRed.items.map((c) => c.caseId)).toEqual(late.items.slice(1, 3).map((c) => c.caseId));
      const refused = await server.call('/api/v1/board?offset=-1', { as: 'supervisor' });
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as Problem).field).toContain('offset');
    });
  });
}
