import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { beijingDayStart, beijingLastDay, beijingTime } from './beijing.js';

describe('Beijing days', () => {
  it('a day starts at 00:00 Beijing time, 16:00 UTC the day before', () => {
    expect(beijingDayStart(Date.parse('2026-03-02T15:59:59.999Z'))).toBe(Date.parse('2026-03-01T16:00:00Z'));
    expect(beijingDayStart(Date.parse('2026-03-02T16:00:00Z'))).toBe(Date.parse('2026-03-02T16:00:00Z'));
  });

  it('the start of the civil day holding any instant, before 1970 too', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2_000_000_000_000, max: 4_000_000_000_000 }), (at) => {
        const start = beijingDayStart(at);
        expect(start).toBeLessThanOrEqual(at);
        expect(at - start).toBeLessThan(86_400_000);
        expect(beijingTime(start)).toBe(`${beijingTime(at).slice(0, 10)} 00:00:00`);
      }),
    );
  });

  it('the last day of a deadline is the day before its midnight, the day itself otherwise', () => {
    // A working-day clock is due at 00:00 after its last day: people are told that last day.
    expect(beijingLastDay(Date.parse('2026-03-13T16:00:00Z'))).toBe('2026-03-13');
    // An hours clock due in the afternoon ends that day.
    expect(beijingLastDay(Date.parse('2026-03-13T07:00:00Z'))).toBe('2026-03-13');
  });
});
