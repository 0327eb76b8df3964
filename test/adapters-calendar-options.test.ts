import { createPgliteStore, DurableRuntime } from '@tongban/adapters';
import type { CompiledDefinition, CompileOptions } from '@tongban/engine';
import { defaultCalendarRegistry } from '@tongban/engine/calendar';
import { describe, expect, it } from 'vitest';
import { end, scope, start, task } from '../packages/engine/test/support/ir.js';
import { compiled } from './support/adapters-models.js';

// The calendar data ends with 2026; a 20-working-day task accepted on 2026-12-15 ends in 2027.
const ACCEPTED = Date.parse('2026-12-15T09:00:00+08:00');

function reviewIn20WorkingDays(): CompiledDefinition {
  return compiled(
    scope(
      'review_20',
      [start('s'), task('review', '市场监管局', { limit: { amount: 20, unit: 'workingDays' } }), end('e')],
      [
        ['s', 'review'],
        ['review', 'e'],
      ],
    ),
  );
}

/** 2027 as an agency would load it from the State Council notice (dates here only for the test). */
const NEXT_YEAR = {
  name: 'CN',
  extends: 'CN',
  lastYear: 2027,
  holidays: { '2027-01-01': '元旦' },
};

/**
 * A runtime restarted on a database loads definitions from their stored documents: the calendars
 * and the horizon rule it was given must apply to them, not only to definitions deployed in-process.
 */
describe('durable runtime: calendars and the horizon for stored definitions (PGlite)', () => {
  const cn = defaultCalendarRegistry().getCalendar('CN');

  /** Deploys with one runtime, then starts the case on a fresh one (as after a restart). */
  async function startAfterRestart(compileOptions: CompileOptions | undefined) {
    const store = await createPgliteStore();
    try {
      const definition = reviewIn20WorkingDays();
      await new DurableRuntime({ store, clock: () => ACCEPTED }).deploy(definition);
      const restarted = new DurableRuntime({
        store,
        clock: () => ACCEPTED,
        ...(compileOptions ? { compileOptions } : {}),
      });
      let error: unknown = null;
      await restarted.start(definition.hash, { type: 'start', caseId: 'c1' }).catch((e: unknown) => {
        error = e;
      });
      const review = (await restarted.tasks('c1')).find((t) => t.elementId === 'review');
      return { error, review, stored: await restarted.getCase('c1') };
    } finally {
      await store.close();
    }
  }

  it('refuses a case whose deadline falls past the data, writing nothing, by default', async () => {
    const { error, review, stored } = await startAfterRestart(undefined);
    expect(error).toMatchObject({ code: 'CALENDAR_HORIZON' });
    expect(review).toBeUndefined();
    expect(stored).toBeNull();
  });

  it('counts on an overlay that amends CN with next year, after a restart', async () => {
    const { error, review } = await startAfterRestart({
      calendars: defaultCalendarRegistry().withOverlay(NEXT_YEAR),
    });
    expect(error).toBeNull();
    // 20 working days after Tuesday 2026-12-15, skipping the overlay's 2027-01-01.
    expect(review?.dueAt).toBe(cn.endOfDay('2027-01-13'));
  });

  it('proceeds on weekdays past the data when told to (provisional)', async () => {
    const { error, review } = await startAfterRestart({ provisional: true });
    expect(error).toBeNull();
    // Weekdays only: without the notice 2027-01-01 counts as a working day.
    expect(review?.dueAt).toBe(cn.endOfDay('2027-01-12'));
  });
});
