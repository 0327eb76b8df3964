// TimeSkipping.advanceTo on a real store: timers fire in due order at their own instants, service
// handlers run and hooks are delivered (retries included) on the way.
import {
  DurableRuntime,
  HookRegistry,
  ManualClock,
  TimeSkipping,
  TimeSkippingError,
  type TongbanStore,
} from '@tongban/adapters';
import type { CaseEvent } from '@tongban/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreFactory } from './adapters-databases.js';
import { checkThenDecide, waitThenReview } from './adapters-models.js';

const T0 = Date.UTC(2026, 2, 2, 1, 0); // Monday 2026-03-02 09:00 Beijing
const HOUR = 3_600_000;

export function defineTimeSkippingSuite(label: string, factory: StoreFactory | null): void {
  const run = factory === null ? describe.skip : describe;
  run(`${label}: TimeSkipping.advanceTo`, () => {
    let store: TongbanStore;
    beforeAll(async () => {
      if (factory !== null) store = await factory();
    });
    afterAll(async () => {
      await store?.close();
    });

    it('fires due timers across cases in due order, each at its own instant, and delivers hooks', async () => {
      const seen: { caseId: string; type: string; at: number; attempt: number }[] = [];
      let failOnce = true;
      const hooks = new HookRegistry().register({
        name: 'supervision',
        events: ['timer.fired'],
        deliver: async (delivery) => {
          if (failOnce) {
            failOnce = false;
            throw new Error('监察平台 unavailable');
          }
          seen.push({
            caseId: delivery.caseId,
            type: delivery.event.type,
            at: delivery.event.at,
            attempt: delivery.attempt,
          });
        },
      });
      const clock = new ManualClock(T0);
      const runtime = new DurableRuntime({ store, clock: clock.now, hooks });
      const late = waitThenReview('PT3H');
      const early = waitThenReview('PT1H');
      await runtime.deploy(late);
      await runtime.deploy(early);
      await runtime.start(late.hash, { caseId: 'ts-late' });
      await runtime.start(early.hash, { caseId: 'ts-early' });
      const time = new TimeSkipping({ runtime, clock });

      const half = await time.advanceTo(T0 + 2 * HOUR);
      expect(half.now).toBe(T0 + 2 * HOUR);
      expect((await runtime.openTasks('ts-early')).map((t) => t.elementId)).toEqual(['review']);
      expect(await runtime.openTasks('ts-late')).toEqual([]);

      const done = await time.advanceTo(T0 + 5 * HOUR);
      expect(half.timersFired + done.timersFired).toBeGreaterThanOrEqual(2);
      const fired = async (caseId: string) =>
        (await runtime.events(caseId))
          .map((row) => row.payload as CaseEvent)
          .filter((e) => e.type === 'timer.fired')
          .map((e) => e.at);
      expect(await fired('ts-early')).toEqual([T0 + HOUR]);
      expect(await fired('ts-late')).toEqual([T0 + 3 * HOUR]);
      // The first delivery failed; its retry came due while time was skipped, so both arrived, in order.
      expect(seen.map((s) => [s.caseId, s.at])).toEqual([
        ['ts-early', T0 + HOUR],
        ['ts-late', T0 + 3 * HOUR],
      ]);
      expect(seen[0]?.attempt).toBe(2);
    });

    it('runs service handlers at the instant it stops', async () => {
      const clock = new ManualClock(T0);
      const runtime = new DurableRuntime({ store, clock: clock.now });
      const definition = checkThenDecide();
      await runtime.deploy(definition);
      await runtime.start(definition.hash, { caseId: 'ts-service' });
      const time = new TimeSkipping({
        runtime,
        clock,
        handlers: { checkLicence: () => ({ licensed: true }) },
      });
      const result = await time.advanceTo(T0 + HOUR);
      expect(result.servicesRun).toBe(1);
      expect((await runtime.openTasks('ts-service')).map((t) => t.elementId)).toEqual(['decide']);
    });

    it('refuses to move time backwards with CLOCK_BACKWARDS', async () => {
      const clock = new ManualClock(T0);
      const runtime = new DurableRuntime({ store, clock: clock.now });
      const refused = await new TimeSkipping({ runtime, clock }).advanceTo(T0 - 1).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(TimeSkippingError);
      expect((refused as TimeSkippingError).code).toBe('CLOCK_BACKWARDS');
    });
  });
}
