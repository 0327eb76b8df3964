// The demo's cases land in the states it promises on any day of the week: played on a Wednesday
// and on a Saturday, the board shows them green, yellow, red, under 督办 and completed.
import { join } from 'node:path';
import { createPgliteStore, queryBoard } from '@tongban/adapters';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { checkQueryCode, type DemoState, ensureQueryCodeTable, seedDemo } from '../src/index.js';
import { ROOT } from './support.js';

const EXAMPLES = join(ROOT, 'examples');

describe('seedDemo (PGlite; plays each case through days of simulated time)', () => {
  for (const [day, now] of [
    ['a Wednesday', Date.parse('2026-06-10T10:00:00+08:00')],
    ['a Saturday', Date.parse('2026-06-13T10:00:00+08:00')],
  ] as const) {
    it(`gives every state on ${day}`, async () => {
      const store = await createPgliteStore();
      try {
        await ensureQueryCodeTable(store);
        const cases = await seedDemo(store, { examplesDir: EXAMPLES, now });
        const board = await queryBoard(store.db, { now });
        const byState = new Map(cases.map((c) => [c.state, c.caseId]));
        const urgency = (state: DemoState) => board.find((b) => b.caseId === byState.get(state))?.urgency;
        expect(urgency('green')).toBe('green');
        expect(urgency('yellow')).toBe('yellow');
        expect(urgency('red')).toBe('red');
        const statuses = await store.query<{ id: string; status: string }>(sql`select id, status from cases`);
        expect(statuses.find((s) => s.id === byState.get('completed'))?.status).toBe('completed');
        const supervised = await store.query<{ type: string }>(
          sql`select type from events where case_id = ${byState.get('supervised') ?? ''} and type in ('case.supervised', 'supervision.answered', 'supervision.overdue')`,
        );
        expect(supervised.map((e) => e.type)).toEqual(['case.supervised']);
        for (const c of cases) expect(await checkQueryCode(store, c.caseId, c.queryCode)).toBe(true);
        // A second run on the same database leaves it as it is.
        expect(await seedDemo(store, { examplesDir: EXAMPLES, now })).toEqual([]);
      } finally {
        await store.close();
      }
    });
  }
});
