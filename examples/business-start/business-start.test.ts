import { describe, expect, it } from 'vitest';
import { runBusinessStart } from './run.js';

describe('example: business start (企业开办“一件事”)', () => {
  it('issues the licence through the host handler and deems the silent co-handler to agree', async () => {
    const { events, snapshot } = await runBusinessStart();
    expect(snapshot.status).toBe('completed');
    expect(snapshot.machine.context.vars.licenceNo).toBe('91440300MA5000001');
    const deemed = events.find((e) => e.type === 'timer.fired' && e.elementId === 'Overdue');
    // One working day after 2026-04-30 10:00 (when the handler answered) is 2026-05-06 10:00: 劳动节 runs 05-01 to 05-05.
    expect(deemed?.at).toBe(Date.parse('2026-05-06T10:00:00+08:00'));
    const cancelled = events.filter((e) => e.type === 'task.cancelled').map((e) => e.department);
    expect(cancelled).toEqual(['人力资源和社会保障局']);
    // 3 working days from 04-30: 05-06, 05-07, 05-08.
    expect(snapshot.dueAt).toBe(Date.parse('2026-05-09T00:00:00+08:00'));
  });

  it('announces 受理 yellow the moment it opens: one working day, warned one working day ahead', async () => {
    const { events } = await runBusinessStart();
    const accept = events.filter((e) => e.type === 'light.changed' && e.elementId === 'Accept');
    expect(accept.map((e) => [e.data?.from, e.data?.to])).toEqual([[null, 'yellow']]);
  });

  it('the BPMN and scenario also run through tongban simulate', async () => {
    const { readFileSync } = await import('node:fs');
    const { compileBpmn } = await import('@tongban/engine');
    const { simulate } = await import('@tongban/engine/testing');
    const dir = new URL('.', import.meta.url).pathname;
    const compiled = await compileBpmn(readFileSync(`${dir}business-start.bpmn`, 'utf8'));
    if (!compiled.ok) throw new Error('does not compile');
    const result = await simulate(
      compiled.definition,
      JSON.parse(readFileSync(`${dir}scenario.json`, 'utf8')),
    );
    expect(result.snapshot.status).toBe('completed');
  });
});
