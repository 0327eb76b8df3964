// The statistics roll-up (statistics_days + watermark) on both stores: folding in batches, one
// roll-up at a time, reset, and exactness while commands and roll-ups run at the same time.
// The random-history reconciliation with roll-ups at random points is in supervision-suite.ts.
import {
  DurableRuntime,
  queryStatistics,
  readWatermark,
  resetStatisticsRollup,
  rollUpStatistics,
  StatisticsRollupWorker,
  type TongbanStore,
  wholeDays,
} from '@tongban/adapters';
import type { CaseEvent, StatisticsDimension } from '@tongban/engine';
import { computeStatistics } from '@tongban/engine/supervision';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DATABASE_URL,
  pgliteFactory,
  postgresFactory,
  postgresLabel,
  type StoreFactory,
  useScratchDatabase,
} from './support/adapters-databases.js';
import { timedParallel } from './support/supervision-models.js';

const bj = (iso: string): number => Date.parse(`${iso}+08:00`);
const DAY = 86_400_000;
const ALL = { from: Number.MIN_SAFE_INTEGER, to: Number.MAX_SAFE_INTEGER };
const DIMENSIONS: readonly StatisticsDimension[] = ['matter', 'department', 'staff', 'window'];

async function rows<Row>(store: TongbanStore, text: string, params: unknown[] = []): Promise<Row[]> {
  if (store.driver.kind === 'pglite') return (await store.driver.client.query<Row>(text, params)).rows;
  return (await store.driver.pool.query(text, params)).rows as Row[];
}

/** Statistics recomputed from the stored event log by the engine's pure reduction. */
async function pure(store: TongbanStore, period: { from: number; to: number }, by: StatisticsDimension) {
  const events = await rows<{ payload: CaseEvent }>(
    store,
    'select payload from events order by case_id, seq',
  );
  const matters = await rows<{ id: string; matter_code: string | null }>(
    store,
    'select id, matter_code from cases',
  );
  const matterOf = new Map(matters.map((m) => [m.id, m.matter_code]));
  return computeStatistics(
    events.map((e) => e.payload),
    { ...period, by, matterOf: (id) => matterOf.get(id) ?? null },
  );
}

async function expectExact(store: TongbanStore, period: { from: number; to: number } = ALL): Promise<void> {
  for (const by of DIMENSIONS)
    expect(await queryStatistics(store.db, { ...period, by }), by).toEqual(await pure(store, period, by));
}

/** A case accepted at `at` by a window, whose three tasks are opened (10 events or so). */
async function accept(runtime: DurableRuntime, hash: string, caseId: string): Promise<void> {
  await runtime.start(hash, {
    type: 'start',
    caseId,
    actor: { id: `窗口-${caseId.length % 3}`, kind: 'staff', department: `${caseId.length % 2}号窗口` },
  });
  await runtime.execute(caseId, {
    type: 'urge',
    message: '请加快',
    actor: { id: '监察室', kind: 'supervisor' },
  });
}

function defineRollupSuite(label: string, factory: StoreFactory | null): void {
  describe.skipIf(factory === null)(label, () => {
    let store: TongbanStore;
    let runtime: DurableRuntime;
    let at = bj('2026-03-02T09:00:00');
    const definition = timedParallel();
    beforeAll(async () => {
      store = await (factory as StoreFactory)();
      runtime = new DurableRuntime({ store, clock: () => at, cacheSize: 0 });
      await runtime.deploy(definition);
    });
    afterAll(async () => {
      await store?.close();
    });
    beforeEach(async () => {
      for (const table of ['outbox', 'timers', 'tasks', 'events', 'commands', 'cases'])
        await rows(store, `delete from ${table}`);
      await resetStatisticsRollup(store.db);
    });

    it('folds the log in batches, reports progress, and statistics stay exact before, during and after', async () => {
      for (let i = 0; i < 12; i++) {
        at = bj('2026-03-02T09:00:00') + i * 7 * 3_600_000; // across several Beijing days
        await accept(runtime, definition.hash, `c${i}`);
      }
      const [{ n: total } = { n: 0 }] = await rows<{ n: number }>(
        store,
        'select count(*)::int as n from events',
      );
      const [{ max } = { max: 0 }] = await rows<{ max: string }>(
        store,
        'select max(id)::text as max from events',
      );
      await expectExact(store);
      const seen: number[] = [];
      const first = await rollUpStatistics(store.db, {
        batchSize: 7,
        maxBatches: 2,
        onProgress: (p) => seen.push(p.events),
      });
      expect(first).toMatchObject({
        batches: 2,
        events: 14,
        caughtUp: false,
        busy: false,
        target: Number(max),
      });
      expect(seen).toEqual([7, 14]);
      await expectExact(store);
      // A period with partial days at both ends, and one of whole days only.
      await expectExact(store, { from: bj('2026-03-02T15:00:00'), to: bj('2026-03-04T10:00:00') });
      await expectExact(store, { from: bj('2026-03-03T00:00:00'), to: bj('2026-03-05T00:00:00') });
      const rest = await rollUpStatistics(store.db, { batchSize: 7 });
      expect(rest.caughtUp).toBe(true);
      expect(first.events + rest.events).toBe(total);
      expect(await readWatermark(store.db)).toBe(Number(max));
      const [{ n: days } = { n: 0 }] = await rows<{ n: number }>(
        store,
        'select count(distinct day_start)::int as n from statistics_days',
      );
      expect(days).toBeGreaterThan(1);
      await expectExact(store);
      await expectExact(store, { from: bj('2026-03-02T15:00:00'), to: bj('2026-03-04T10:00:00') });
      // Nothing new: nothing folded, still caught up.
      expect(await rollUpStatistics(store.db)).toMatchObject({ batches: 0, events: 0, caughtUp: true });
      // More commands after the roll-up: read from the log until the next roll-up.
      at += DAY;
      await runtime.execute('c0', {
        type: 'urge',
        message: '再催',
        actor: { id: '监察室', kind: 'supervisor' },
      });
      await expectExact(store);
      // A reset folds everything again, to the same numbers.
      await resetStatisticsRollup(store.db);
      expect(await readWatermark(store.db)).toBe(0);
      await expectExact(store);
      const [{ n: now } = { n: 0 }] = await rows<{ n: number }>(
        store,
        'select count(*)::int as n from events',
      );
      expect(now).toBeGreaterThan(total);
      expect((await rollUpStatistics(store.db)).events).toBe(now);
      await expectExact(store);
    });

    it('the background worker keeps the roll-up caught up', async () => {
      at = bj('2026-03-02T09:00:00');
      for (let i = 0; i < 3; i++) await accept(runtime, definition.hash, `w${i}`);
      const folded: number[] = [];
      const worker = new StatisticsRollupWorker({
        store,
        pollMs: 10,
        batchSize: 5,
        onRolledUp: (r) => folded.push(r.events),
      });
      worker.start();
      try {
        const [{ max } = { max: '0' }] = await rows<{ max: string }>(
          store,
          'select max(id)::text as max from events',
        );
        for (let i = 0; i < 500 && (await readWatermark(store.db)) < Number(max); i++)
          await new Promise((resolve) => setTimeout(resolve, 10));
        expect(await readWatermark(store.db)).toBe(Number(max));
      } finally {
        await worker.stop();
      }
      expect(folded.every((n) => n > 0 && n <= 5)).toBe(true);
      await expectExact(store);
    });
  });
}

/** PostgreSQL only: what concurrent writers and roll-ups can do to each other. */
function defineConcurrencySuite(label: string, factory: StoreFactory | null): void {
  describe.skipIf(factory === null)(label, () => {
    let store: TongbanStore;
    let runtime: DurableRuntime;
    const definition = timedParallel();
    const at = bj('2026-03-02T09:00:00');
    beforeAll(async () => {
      store = await (factory as StoreFactory)();
      runtime = new DurableRuntime({ store, clock: () => at, cacheSize: 0 });
      await runtime.deploy(definition);
    });
    afterAll(async () => {
      await store?.close();
    });
    const client = () => {
      if (store.driver.kind !== 'postgres') throw new Error('PostgreSQL only');
      return store.driver.pool.connect();
    };
    const urge = (caseId: string, seq: number) =>
      `insert into events (case_id, seq, type, at, payload, prev_hash, hash) values ('${caseId}', ${seq}, 'task.urged',
        ${at}, '{"type":"task.urged","caseId":"${caseId}","at":${at},"department":"住建局","data":{"actor":"监察室"}}', 'p', 'h')
        returning id::text`;

    it('never moves the watermark past an event whose command has not committed yet', async () => {
      await accept(runtime, definition.hash, 'slow');
      await rollUpStatistics(store.db);
      const slow = await client();
      const fast = await client();
      try {
        // The slow command takes the lower id and commits last.
        await slow.query('begin');
        const slowId = Number((await slow.query<{ id: string }>(urge('slow', 1001))).rows[0]?.id);
        const fastId = Number((await fast.query<{ id: string }>(urge('slow', 1002))).rows[0]?.id);
        expect(slowId).toBeLessThan(fastId);
        const stuck = await rollUpStatistics(store.db, { settleTimeoutMs: 200 });
        expect(stuck.caughtUp).toBe(false);
        expect(stuck.watermark).toBeLessThan(slowId);
        await expectExact(store);
        await slow.query('commit');
        expect((await rollUpStatistics(store.db)).caughtUp).toBe(true);
        await expectExact(store);
        const [row] = await queryStatistics(store.db, { ...ALL, by: 'department' }).then((r) =>
          r.filter((x) => x.key === '住建局'),
        );
        expect(row?.urges).toBeGreaterThanOrEqual(2);
      } finally {
        await slow.query('rollback').catch(() => {});
        slow.release();
        fast.release();
      }
    });

    it('one roll-up folds at a time; statistics are exact while commands and roll-ups run', async () => {
      const cases = Array.from({ length: 16 }, (_, i) => `p${i}`);
      const writing = Promise.all(cases.map((id) => accept(runtime, definition.hash, id)));
      const rolling = Promise.all(
        Array.from({ length: 3 }, async () => {
          const results = [];
          for (let i = 0; i < 10; i++) results.push(await rollUpStatistics(store.db, { batchSize: 3 }));
          return results;
        }),
      );
      // Each answer is the log at some moment: urges only grow from one answer to the next, and
      // none exceeds the final count (an event read both rolled up and from the log would).
      const urges = async () =>
        (await queryStatistics(store.db, { ...ALL, by: 'department' })).reduce((n, r) => n + r.urges, 0);
      const reading = (async () => {
        const seen: number[] = [];
        for (let i = 0; i < 15; i++) seen.push(await urges());
        return seen;
      })();
      const [, results, seen] = await Promise.all([writing, rolling, reading]);
      const final = await urges();
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      expect(Math.max(...seen)).toBeLessThanOrEqual(final);
      expect(results.flat().some((r) => r.busy)).toBe(true);
      await rollUpStatistics(store.db);
      await expectExact(store);
      // Folding twice is impossible: the roll-up rows sum to the pure figures.
      const [sums] = await rows<{ urges: number }>(
        store,
        "select coalesce(sum(urges), 0)::int as urges from statistics_days where dimension = 'department'",
      );
      const pureRows = await pure(store, ALL, 'department');
      expect(sums?.urges).toBe(pureRows.reduce((n, r) => n + r.urges, 0));
    });
  });
}

describe('whole Beijing days of a period', () => {
  it('splits a period into partial days read from events and whole days from the roll-up', () => {
    expect(wholeDays(bj('2026-03-02T15:00:00'), bj('2026-03-05T10:00:00'))).toEqual({
      start: bj('2026-03-03T00:00:00'),
      end: bj('2026-03-05T00:00:00'),
    });
    expect(wholeDays(bj('2026-03-02T00:00:00'), bj('2026-03-04T00:00:00'))).toEqual({
      start: bj('2026-03-02T00:00:00'),
      end: bj('2026-03-04T00:00:00'),
    });
    const within = { from: bj('2026-03-02T01:00:00'), to: bj('2026-03-02T23:00:00') };
    expect(wholeDays(within.from, within.to)).toEqual({ start: within.to, end: within.to });
  });
});

const scratch = useScratchDatabase();
defineRollupSuite('statistics roll-up on PGlite', pgliteFactory);
defineRollupSuite(
  DATABASE_URL === undefined ? `statistics roll-up on ${postgresLabel}` : 'statistics roll-up on PostgreSQL',
  DATABASE_URL === undefined ? null : postgresFactory(scratch, 4),
);
defineConcurrencySuite(
  DATABASE_URL === undefined
    ? `statistics roll-up with concurrent writers on ${postgresLabel}`
    : 'statistics roll-up with concurrent writers on PostgreSQL',
  DATABASE_URL === undefined ? null : postgresFactory(scratch, 6),
);
