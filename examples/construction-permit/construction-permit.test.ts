import { describe, expect, it } from 'vitest';
import { runConstructionPermit } from './run.js';

describe('example: construction permit (工程建设项目施工许可)', () => {
  it('runs to an approval after one send-back for 补正', async () => {
    const { events, snapshot } = await runConstructionPermit();
    expect(snapshot.status).toBe('completed');
    const fire = events.filter((e) => e.elementId === 'FireReview' && e.type === 'task.completed');
    expect(fire.map((e) => e.data?.outcome)).toEqual(['return', 'approve']);
    // Sending back closes the whole parallel stage at once: the lead's and 人防's open tasks go.
    const backAt = fire[0]!.at;
    const cancelled = events
      .filter((e) => e.type === 'task.cancelled' && e.at === backAt)
      .map((e) => e.elementId);
    expect(cancelled.sort()).toEqual(['AirDefenceReview', 'LeadReview']);
    // 15 working days from 2026-02-09 across 春节 and two make-up Saturdays: due at the end of 03-06.
    expect(snapshot.dueAt).toBe(Date.parse('2026-03-07T00:00:00+08:00'));
    expect(events.find((e) => e.type === 'light.changed' && e.data?.clock === 'case')?.data).toMatchObject({
      to: 'yellow',
    });
    // 人防 never answers its second review: its light turns red at the end of its 7 working days
    // and, as its tb:timeoutAction says, it is deemed to agree (逾期未反馈视为同意).
    const redAt = Date.parse('2026-03-06T00:00:00+08:00');
    const airDefence = events.filter((e) => e.elementId === 'AirDefenceReview' && e.at === redAt);
    expect(airDefence.map((e) => e.type)).toEqual(['light.changed', 'task.timedOut', 'task.completed']);
    expect(airDefence[0]?.data).toMatchObject({ to: 'red' });
  });
});
