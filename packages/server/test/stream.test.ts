// The event stream over real HTTP: live events, resuming with Last-Event-ID, and only what the
// caller may see. Reads wait for the events to arrive (the stream polls every 50 ms here).
import { createPgliteStore } from '@tongban/adapters';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployPermit, LEAD, readEvents, startPermitCase, startServer, type TestServer } from './support.js';

describe('GET /api/v1/stream (PGlite)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer(await createPgliteStore(), { streamPollMs: 50 });
    await deployPermit(server);
    // Case B stays at 受理 (only the lead department takes part); case A is accepted, so the
    // planning bureau takes part in it.
    await startPermitCase(server, 'S-B');
    const a = await startPermitCase(server, 'S-A');
    const accept = a.case.openTasks[0]!;
    const done = await server.call('/api/v1/cases/S-A/commands', {
      body: { type: 'completeTask', taskId: accept.id, department: LEAD },
    });
    expect(done.status).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('resumes after Last-Event-ID with the store’s event ids, in order', async () => {
    const all = await readEvents(
      await server.call('/api/v1/stream', { as: 'supervisor', headers: { 'last-event-id': '0' } }),
      5,
    );
    expect(all).toHaveLength(5);
    const ids = all.map((e) => e.id);
    expect([...ids].sort((x, y) => x - y)).toEqual(ids);
    const resumed = await readEvents(
      await server.call('/api/v1/stream', { as: 'supervisor', headers: { 'last-event-id': String(ids[1]) } }),
      3,
    );
    expect(resumed.map((e) => e.id)).toEqual(ids.slice(2, 5));
    // The query parameter works the same for clients that cannot set headers (EventSource on reconnect sets it).
    const byQuery = await readEvents(
      await server.call(`/api/v1/stream?lastEventId=${ids[3]}`, { as: 'supervisor' }),
      1,
    );
    expect(byQuery[0]?.id).toBe(ids[4]);
  });

  it('streams new events live to a client without Last-Event-ID', async () => {
    const response = await server.call('/api/v1/stream', { as: 'supervisor' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reading = readEvents(response, 1);
    const urge = await server.call('/api/v1/cases/S-A/commands', {
      as: 'supervisor',
      body: { type: 'urge', message: '请加快' },
    });
    expect(urge.status).toBe(200);
    const [event] = await reading;
    expect(event).toMatchObject({ event: 'task.urged', data: { caseId: 'S-A', type: 'task.urged' } });
  });

  it('shows staff only the events of cases their department takes part in', async () => {
    // Everything from the start: case B's events come first in id order; planning must not see them.
    const events = await readEvents(
      await server.call('/api/v1/stream', { as: 'planning', headers: { 'last-event-id': '0' } }),
      3,
    );
    expect(events.length).toBe(3);
    expect(events.every((e) => e.data.caseId === 'S-A')).toBe(true);
    const supervisorSees = await readEvents(
      await server.call('/api/v1/stream', { as: 'supervisor', headers: { 'last-event-id': '0' } }),
      1,
    );
    expect(supervisorSees[0]?.data.caseId).toBe('S-B');
  });

  it('refuses a stream without a token and a Last-Event-ID that is not an id', async () => {
    expect((await server.call('/api/v1/stream', { as: null })).status).toBe(401);
    const bad = await server.call('/api/v1/stream', {
      as: 'supervisor',
      headers: { 'last-event-id': 'abc' },
    });
    expect(bad.status).toBe(400);
  });
});
