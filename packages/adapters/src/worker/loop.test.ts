import { describe, expect, it } from 'vitest';
import { PollingLoop } from './loop.js';

describe('PollingLoop while its database is down', () => {
  it('reports the outage once, backs off exponentially with jitter up to a cap, and reports recovery', async () => {
    const errors: unknown[] = [];
    const recovered: number[] = [];
    const pauses: number[] = [];
    let rounds = 0;
    let stopping: Promise<void> | null = null;
    const loop = new PollingLoop(
      async () => {
        rounds++;
        if (rounds <= 9) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
        if (rounds === 12) stopping = loop.stop();
        return false;
      },
      200,
      (error) => errors.push(error),
      {
        onRecover: (failed) => recovered.push(failed),
        maxBackoffMs: 30_000,
        random: () => 1, // the top of each jitter range; 0 would give the bottom (half)
        sleep: async (ms) => {
          pauses.push(ms);
        },
      },
    );
    loop.start();
    // Waits for the round that stops the loop, then for the loop to finish.
    while (stopping === null) await new Promise((resolve) => setImmediate(resolve));
    await stopping;
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toContain('ECONNREFUSED');
    expect(recovered).toEqual([9]);
    expect(pauses.slice(0, 9)).toEqual([400, 800, 1600, 3200, 6400, 12_800, 25_600, 30_000, 30_000]);
    expect(pauses.slice(9)).toEqual([200, 200]);
  });

  it('draws each pause between half and all of its ceiling', async () => {
    const pauses: number[] = [];
    let rounds = 0;
    let stopping: Promise<void> | null = null;
    const loop = new PollingLoop(
      async () => {
        rounds++;
        if (rounds === 3) stopping = loop.stop();
        throw new Error('down');
      },
      1000,
      () => {},
      { random: () => 0, sleep: async (ms) => void pauses.push(ms) },
    );
    loop.start();
    while (stopping === null) await new Promise((resolve) => setImmediate(resolve));
    await stopping;
    expect(pauses).toEqual([1000, 2000]);
  });
});
