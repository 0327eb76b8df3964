// The one test suite every store runs: PGlite in memory and PostgreSQL through node-postgres.
import {
  AnchorInvalidError,
  CaseNotFoundError,
  createAnchor,
  DurableRuntime,
  eventHash,
  GENESIS_HASH,
  type HookDelivery,
  HookRegistry,
  IdempotencyKeyMismatchError,
  IdempotencyKeyReusedError,
  migrate,
  OutboxDispatcher,
  readAnchor,
  ServiceWorker,
  type TaskRow,
  TimerWorker,
  type TongbanStore,
  tables,
} from '@tongban/adapters';
import { type Command, type CompiledDefinition, ServiceHandlerError, type Variables } from '@tongban/engine';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
// Not exported by the package: group commit is tested here on both drivers all the same.
import { GroupCommit } from '../../packages/adapters/src/runtime/group-commit.js';
import type { StoreFactory } from './adapters-databases.js';
import { checkThenDecide, parallelApproval, waitThenReview } from './adapters-models.js';

const T0 = Date.UTC(2026, 2, 2, 1, 0); // Monday 2026-03-02 09:00 Beijing
const HOUR = 3_600_000;

/** A clock the test moves by hand. */
class ManualClock {
  constructor(public at = T0) {}
  readonly now = (): number => this.at;
}

let counter = 0;
const newCaseId = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${counter++}`;

/** Raw SQL on the store's own driver, for tampering with rows the way an attacker would. */
async function raw(store: TongbanStore, text: string, params: unknown[] = []): Promise<void> {
  if (store.driver.kind === 'pglite') await store.driver.client.query(text, params);
  else await store.driver.pool.query(text, params);
}

/** Every row of every table, to prove that a refused command wrote nothing. */
async function dump(store: TongbanStore): Promise<string> {
  const db = store.db;
  const parts = await Promise.all([
    db.select().from(tables.cases),
    db.select().from(tables.tasks),
    db.select().from(tables.events),
    db.select().from(tables.timers),
    db.select().from(tables.outbox),
    db.select().from(tables.commands),
  ]);
  return JSON.stringify(parts.map((rows) => rows.map((row) => JSON.stringify(row)).sort()));
}

const openOf = (rows: TaskRow[], elementId: string): TaskRow => {
  const found = rows.find((row) => row.elementId === elementId && row.status === 'open');
  if (found === undefined) throw new Error(`no open task ${elementId}`);
  return found;
};

const complete = (
  task: TaskRow,
  extra: Partial<Extract<Command, { type: 'completeTask' }>> = {},
): Command => ({
  type: 'completeTask',
  taskId: task.taskId,
  department: task.department ?? '',
  outcome: 'approve',
  ...extra,
});

export function defineStoreSuite(label: string, factory: StoreFactory | null): void {
  const run = factory === null ? describe.skip : describe;
  run(label, () => {
    let store: TongbanStore;
    let approval: CompiledDefinition;
    let waiting: CompiledDefinition;

    beforeAll(async () => {
      if (factory === null) return;
      store = await factory();
      approval = parallelApproval();
      waiting = waitThenReview('PT1H');
    });
    afterAll(async () => {
      await store?.close();
    });

    const runtimeWith = (clock = new ManualClock(), hooks?: HookRegistry): DurableRuntime =>
      new DurableRuntime({ store, clock: clock.now, ...(hooks ? { hooks } : {}) });

    it('migrates once: a second run applies nothing', async () => {
      expect(await migrate(store.db)).toBe(0);
    });

    it('runs a parallel approval to the end, recording tasks, events and the audit chain', async () => {
      const clock = new ManualClock();
      const runtime = runtimeWith(clock);
      await runtime.deploy(approval);
      const caseId = newCaseId('par');
      const started = await runtime.start(
        approval.hash,
        { type: 'start', caseId },
        { matterCode: '11440100MB2C0001' },
      );
      expect(started.version).toBe(1);
      expect(started.openTasks.map((task) => task.elementId).sort()).toEqual([
        'env_review',
        'fire_review',
        'lead_review',
      ]);

      for (const elementId of ['fire_review', 'lead_review', 'env_review']) {
        clock.at += HOUR;
        const task = openOf(await runtime.tasks(caseId), elementId);
        await runtime.execute(
          caseId,
          complete(task, { opinion: `${elementId} 同意`, actor: { id: `staff-${elementId}` } }),
        );
      }
      const decide = openOf(await runtime.tasks(caseId), 'decide');
      const last = await runtime.execute(caseId, complete(decide));
      expect(last.status).toBe('completed');

      const row = await runtime.getCase(caseId);
      expect(row).toMatchObject({
        status: 'completed',
        version: 5,
        matterCode: '11440100MB2C0001',
        definitionHash: approval.hash,
      });
      const tasks = await runtime.tasks(caseId);
      expect(tasks.map((task) => [task.elementId, task.status]).sort()).toEqual([
        ['decide', 'completed'],
        ['env_review', 'completed'],
        ['fire_review', 'completed'],
        ['lead_review', 'completed'],
      ]);
      const fire = tasks.find((task) => task.elementId === 'fire_review');
      expect(fire).toMatchObject({
        department: '消防救援支队',
        role: 'co',
        completedBy: 'staff-fire_review',
        outcome: 'approve',
        opinion: 'fire_review 同意',
        closedAt: T0 + HOUR,
      });
      const events = await runtime.events(caseId);
      expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
      expect(events.at(-1)?.type).toBe('case.completed');
      expect(row?.lastSeq).toBe(events.length);
      expect(await runtime.verify(caseId)).toEqual({ ok: true, caseId, events: events.length });
    });

    it('continues a case from the database in a fresh runtime (definition loaded by hash)', async () => {
      const first = runtimeWith();
      await first.deploy(approval);
      const caseId = newCaseId('fresh');
      await first.start(approval.hash, { type: 'start', caseId });
      const second = runtimeWith();
      const task = openOf(await second.tasks(caseId), 'lead_review');
      const outcome = await second.execute(caseId, complete(task));
      expect(outcome.version).toBe(2);
      expect(outcome.openTasks.map((open) => open.elementId).sort()).toEqual(['env_review', 'fire_review']);
    });

    it('notices when another runtime changed a case it remembers', async () => {
      const mine = runtimeWith();
      const theirs = runtimeWith();
      await mine.deploy(approval);
      const caseId = newCaseId('stale');
      await mine.start(approval.hash, { type: 'start', caseId });
      const tasks = await mine.tasks(caseId);
      await theirs.execute(caseId, complete(openOf(tasks, 'lead_review')));
      await expect(mine.execute(caseId, complete(openOf(tasks, 'lead_review')))).rejects.toMatchObject({
        code: 'TASK_NOT_OPEN',
      });
      const outcome = await mine.execute(caseId, complete(openOf(tasks, 'fire_review')));
      expect(outcome.version).toBe(3);
      expect(outcome.openTasks.map((task) => task.elementId)).toEqual(['env_review']);
      expect((await mine.verify(caseId)).ok).toBe(true);
    });

    it('stamps a command from a host whose clock is a little behind at the last change; refuses one far behind', async () => {
      const ahead = new ManualClock(T0 + HOUR);
      const hostA = runtimeWith(ahead);
      await hostA.deploy(approval);
      const caseId = newCaseId('skew');
      await hostA.start(approval.hash, { type: 'start', caseId });
      // Host B's clock reads half a second before host A's start: clock skew between processes.
      const hostB = runtimeWith(new ManualClock(T0 + HOUR - 500));
      const lead = openOf(await hostB.tasks(caseId), 'lead_review');
      const outcome = await hostB.execute(caseId, complete(lead));
      expect(outcome.version).toBe(2);
      const completed = (await hostB.events(caseId)).find((event) => event.type === 'task.completed');
      expect(completed?.at).toBe(T0 + HOUR);
      // Host C's clock is a day behind: that is a wrong clock, not skew, and nothing is written.
      const hostC = runtimeWith(new ManualClock(T0 + HOUR - 24 * HOUR));
      const fire = openOf(await hostC.tasks(caseId), 'fire_review');
      await expect(hostC.execute(caseId, complete(fire))).rejects.toMatchObject({
        code: 'BEFORE_LAST_EVENT',
      });
      expect((await hostA.tasks(caseId)).filter((task) => task.status === 'open').length).toBe(2);
    });

    it('applies a command sent twice with one idempotency key once', async () => {
      const runtime = runtimeWith();
      await runtime.deploy(approval);
      const caseId = newCaseId('idem');
      await runtime.start(approval.hash, { type: 'start', caseId }, { idempotencyKey: `${caseId}-start` });
      const again = await runtime.start(
        approval.hash,
        { type: 'start', caseId },
        { idempotencyKey: `${caseId}-start` },
      );
      expect(again.replayed).toBe(true);
      const task = openOf(await runtime.tasks(caseId), 'lead_review');
      const first = await runtime.execute(caseId, complete(task), { idempotencyKey: `${caseId}-k1` });
      const second = await runtime.execute(caseId, complete(task), { idempotencyKey: `${caseId}-k1` });
      expect(first.replayed).toBe(false);
      expect(second).toEqual({ ...first, replayed: true });
      expect((await runtime.getCase(caseId))?.version).toBe(2);
      expect((await runtime.events(caseId)).filter((event) => event.type === 'task.completed')).toHaveLength(
        1,
      );
      await expect(
        runtime.execute('another-case', complete(task), { idempotencyKey: `${caseId}-k1` }),
      ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    });

    it('refuses an idempotency key sent again with a different command', async () => {
      const runtime = runtimeWith();
      await runtime.deploy(approval);
      const caseId = newCaseId('idem-diff');
      await runtime.start(approval.hash, { type: 'start', caseId });
      const tasks = await runtime.tasks(caseId);
      const key = `${caseId}-k`;
      const first = await runtime.execute(caseId, complete(openOf(tasks, 'lead_review')), {
        idempotencyKey: key,
      });
      // A denial of the fire review under the key of the lead's approval: a different command.
      const denial = complete(openOf(tasks, 'fire_review'), { outcome: 'reject', opinion: '不同意' });
      const refused = runtime.execute(caseId, denial, { idempotencyKey: key });
      await expect(refused).rejects.toBeInstanceOf(IdempotencyKeyMismatchError);
      await expect(refused).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_MISMATCH', key, caseId });
      // A fresh runtime (nothing cached) refuses it too; the same command under the key still replays.
      await expect(runtimeWith().execute(caseId, denial, { idempotencyKey: key })).rejects.toMatchObject({
        code: 'IDEMPOTENCY_KEY_MISMATCH',
      });
      expect(
        await runtime.execute(caseId, complete(openOf(tasks, 'lead_review')), { idempotencyKey: key }),
      ).toEqual({ ...first, replayed: true });
      expect((await runtime.getCase(caseId))?.version).toBe(2);
      expect(openOf(await runtime.tasks(caseId), 'fire_review').status).toBe('open');
    });

    it('refuses bad commands with typed errors and writes nothing', async () => {
      const runtime = runtimeWith();
      await runtime.deploy(approval);
      const caseId = newCaseId('bad');
      await runtime.start(approval.hash, { type: 'start', caseId });
      const lead = openOf(await runtime.tasks(caseId), 'lead_review');
      await runtime.execute(caseId, complete(lead));
      const before = await dump(store);

      const fire = openOf(await runtime.tasks(caseId), 'fire_review');
      const refusals: [string, () => Promise<unknown>][] = [
        ['NO_CASE', () => runtime.execute('no-such-case', complete(lead))],
        [
          'TASK_NOT_OPEN',
          () => runtime.execute(caseId, complete(lead), { idempotencyKey: `${caseId}-closed` }),
        ],
        ['WRONG_DEPARTMENT', () => runtime.execute(caseId, complete(fire, { department: '住建局' }))],
        [
          'BAD_COMMAND',
          () => runtime.execute(caseId, { type: 'completeTask', taskId: 42 } as unknown as Command),
        ],
        ['CASE_EXISTS', () => runtime.start(approval.hash, { type: 'start', caseId })],
        ['NO_DEFINITION', () => runtime.start('not-deployed', { type: 'start', caseId: newCaseId('nodef') })],
      ];
      for (const [code, attempt] of refusals) {
        await expect(attempt(), code).rejects.toMatchObject({ code });
      }
      await expect(runtime.execute('no-such-case', complete(lead))).rejects.toBeInstanceOf(CaseNotFoundError);
      expect(await dump(store)).toBe(before);
    });

    it('finds the first broken link when an event is edited or deleted', async () => {
      const runtime = runtimeWith();
      await runtime.deploy(approval);
      const caseId = newCaseId('audit');
      await runtime.start(approval.hash, { type: 'start', caseId });
      for (const elementId of ['lead_review', 'fire_review']) {
        await runtime.execute(
          caseId,
          complete(openOf(await runtime.tasks(caseId), elementId), { opinion: '同意' }),
        );
      }
      const events = await runtime.events(caseId);
      const completed = events.find((event) => event.type === 'task.completed');
      if (completed === undefined) throw new Error('no completion event');
      expect((await runtime.verify(caseId)).ok).toBe(true);

      await raw(
        store,
        `update events set payload = jsonb_set(payload, '{data,opinion}', '"不同意"') where case_id = $1 and seq = $2`,
        [caseId, completed.seq],
      );
      expect(await runtime.verify(caseId)).toMatchObject({
        ok: false,
        brokenAt: completed.seq,
        reason: expect.stringContaining('changed'),
      });

      await raw(store, 'update events set payload = $3 where case_id = $1 and seq = $2', [
        caseId,
        completed.seq,
        JSON.stringify(completed.payload),
      ]);
      expect((await runtime.verify(caseId)).ok).toBe(true);

      await raw(store, 'delete from events where case_id = $1 and seq = $2', [caseId, 2]);
      expect(await runtime.verify(caseId)).toMatchObject({
        ok: false,
        brokenAt: 2,
        reason: expect.stringContaining('missing'),
      });

      const tailCase = newCaseId('tail');
      await runtime.start(approval.hash, { type: 'start', caseId: tailCase });
      const tail = (await runtime.events(tailCase)).length;
      await raw(store, 'delete from events where case_id = $1 and seq = $2', [tailCase, tail]);
      expect(await runtime.verify(tailCase)).toMatchObject({ ok: false, brokenAt: tail });
    });

    it('finds a cut or forged tail against a signed anchor, even with the case row set back to match', async () => {
      const key = 'anchor key kept by the supervision office, not in the database';
      const runtime = runtimeWith();
      await runtime.deploy(approval);
      const [cut, forged] = [newCaseId('cut'), newCaseId('forged')];
      for (const caseId of [cut, forged]) {
        await runtime.start(approval.hash, { type: 'start', caseId });
        for (const elementId of ['lead_review', 'fire_review'])
          await runtime.execute(
            caseId,
            complete(openOf(await runtime.tasks(caseId), elementId), { opinion: '同意' }),
          );
      }
      const written = await createAnchor(store.db, key, { caseIds: [cut, forged] });
      const anchor = readAnchor(JSON.stringify(written), key);
      expect(anchor.heads.map((head) => head.caseId).sort()).toEqual([cut, forged].sort());
      const cutEvents = await runtime.events(cut);
      expect(await runtime.verify(cut, { anchor })).toMatchObject({
        ok: true,
        anchored: { seq: cutEvents.length, at: anchor.createdAt },
      });

      // Cut: the last two events deleted, the case row's head set back to the event before them.
      const kept = cutEvents.at(-3);
      if (kept === undefined) throw new Error('too few events');
      await raw(store, 'delete from events where case_id = $1 and seq > $2', [cut, kept.seq]);
      await raw(store, 'update cases set last_seq = $2, last_hash = $3 where id = $1', [
        cut,
        kept.seq,
        kept.hash,
      ]);
      expect(await runtime.verify(cut, { anchor })).toMatchObject({
        ok: false,
        brokenAt: kept.seq + 1,
        reason: expect.stringContaining('events were removed'),
      });

      // Forged: the last event replaced by another, correctly re-hashed, and the row pointed at it.
      const last = (await runtime.events(forged)).at(-1);
      if (last === undefined) throw new Error('no events');
      const payload = { ...(last.payload as Record<string, unknown>), department: '住建局' };
      const hash = eventHash({
        caseId: forged,
        seq: last.seq,
        type: last.type,
        at: last.at,
        payload,
        prevHash: last.prevHash,
      });
      await raw(store, 'update events set payload = $3, hash = $4 where case_id = $1 and seq = $2', [
        forged,
        last.seq,
        JSON.stringify(payload),
        hash,
      ]);
      await raw(store, 'update cases set last_hash = $2 where id = $1', [forged, hash]);
      // Without an anchor a consistent rewrite is not detectable (documented); with one it is.
      expect((await runtime.verify(forged)).ok).toBe(true);
      expect(await runtime.verify(forged, { anchor })).toMatchObject({
        ok: false,
        brokenAt: last.seq,
        reason: expect.stringContaining('rewritten'),
      });

      // The anchor itself cannot be edited or re-signed without the key.
      expect(() => readAnchor(JSON.stringify({ ...written, heads: [] }), key)).toThrow(AnchorInvalidError);
      expect(() => readAnchor(JSON.stringify(written), 'a key the database administrator made up')).toThrow(
        /signature/,
      );
    });

    it('compares the case row and snapshot with a replay of the log', async () => {
      const runtime = runtimeWith();
      await runtime.deploy(approval);
      const [ended, edited] = [newCaseId('ended'), newCaseId('edited')];
      for (const caseId of [ended, edited]) {
        await runtime.start(approval.hash, { type: 'start', caseId });
        for (const elementId of ['lead_review', 'fire_review', 'env_review', 'decide'])
          await runtime.execute(caseId, complete(openOf(await runtime.tasks(caseId), elementId)));
        expect((await runtime.verify(caseId)).ok).toBe(true);
      }
      // The tail from case.completed on deleted, the row's head set back: the chain itself is intact.
      const events = await runtime.events(ended);
      const ending = events.find((event) => event.type === 'case.completed');
      const before = events.find((event) => event.seq === (ending?.seq ?? 0) - 1);
      if (ending === undefined || before === undefined) throw new Error('no case.completed');
      await raw(store, 'delete from events where case_id = $1 and seq >= $2', [ended, ending.seq]);
      await raw(store, 'update cases set last_seq = $2, last_hash = $3 where id = $1', [
        ended,
        before.seq,
        before.hash,
      ]);
      expect(await runtime.verify(ended)).toMatchObject({
        ok: false,
        reason: expect.stringContaining('no case.completed event'),
      });
      // The row's status edited on its own.
      await raw(store, `update cases set status = 'withdrawn' where id = $1`, [edited]);
      expect(await runtime.verify(edited)).toMatchObject({
        ok: false,
        reason: expect.stringContaining('snapshot says completed'),
      });
    });

    it('lands concurrent completions of the lead and co-handlers; the join fires once', async () => {
      const runtime = runtimeWith();
      await runtime.deploy(approval);
      const caseIds = Array.from({ length: 6 }, () => newCaseId('join'));
      for (const caseId of caseIds) await runtime.start(approval.hash, { type: 'start', caseId });
      // Separate runtimes, as separate processes would be: nothing shared but the database.
      const writers = [runtimeWith(), runtimeWith(), runtimeWith()];
      await Promise.all(
        caseIds.flatMap(async (caseId) => {
          const tasks = await runtime.tasks(caseId);
          await Promise.all(
            ['lead_review', 'fire_review', 'env_review'].map((elementId, index) =>
              writers[index]?.execute(caseId, complete(openOf(tasks, elementId))),
            ),
          );
        }),
      );
      for (const caseId of caseIds) {
        const events = await runtime.events(caseId);
        expect(events.filter((event) => event.type === 'task.completed')).toHaveLength(3);
        expect(
          events.filter(
            (event) =>
              event.type === 'task.opened' &&
              event.payload &&
              (event.payload as { elementId?: string }).elementId === 'decide',
          ),
        ).toHaveLength(1);
        expect(
          (await runtime.tasks(caseId))
            .filter((task) => task.status === 'open')
            .map((task) => task.elementId),
        ).toEqual(['decide']);
        expect((await runtime.getCase(caseId))?.version).toBe(4);
        expect((await runtime.verify(caseId)).ok).toBe(true);
      }
    });

    it('writes commands that arrive together in one statement, each atomic on its own', async () => {
      // One write statement at a time: everything arriving meanwhile goes in the next one together.
      const mine = new DurableRuntime({ store, clock: new ManualClock().now, writeStatements: 1 });
      const theirs = runtimeWith();
      await mine.deploy(approval);
      const caseIds = Array.from({ length: 12 }, () => newCaseId('group'));
      const before = mine.writeCounts();
      await Promise.all(caseIds.map((caseId) => mine.start(approval.hash, { type: 'start', caseId })));
      const started = mine.writeCounts();
      expect(started.commands - before.commands).toBe(12);
      expect(started.statements - before.statements).toBeLessThan(12);

      const first = caseIds[0] ?? '';
      const fireOfFirst = complete(openOf(await mine.tasks(first), 'fire_review'));
      const applied = await mine.execute(first, fireOfFirst, { idempotencyKey: `${first}-fire` });
      // Another process moves five cases on: the versions `mine` remembers for them are stale.
      for (const caseId of caseIds.slice(1, 6))
        await theirs.execute(caseId, complete(openOf(await theirs.tasks(caseId), 'fire_review')));

      const tasks = await Promise.all(caseIds.map((caseId) => mine.tasks(caseId)));
      const [outcomes, replay] = await Promise.all([
        Promise.all(
          caseIds.map((caseId, index) =>
            mine.execute(caseId, complete(openOf(tasks[index] ?? [], 'lead_review'))),
          ),
        ),
        mine.execute(first, fireOfFirst, { idempotencyKey: `${first}-fire` }),
      ]);
      expect(mine.writeCounts().statements - started.statements).toBeLessThan(
        mine.writeCounts().commands - started.commands,
      );
      expect(replay).toEqual({ ...applied, replayed: true });
      for (const [index, caseId] of caseIds.entries()) {
        // Cases 0 to 5 had their fire review completed before (by `mine` or by `theirs`).
        const completions = index <= 5 ? 2 : 1;
        expect(outcomes[index]?.version).toBe(1 + completions);
        const events = await mine.events(caseId);
        expect(events.filter((event) => event.type === 'task.completed')).toHaveLength(completions);
        expect((await mine.verify(caseId)).ok).toBe(true);
      }
    });

    it('keeps the other commands of a group when one of them fails', async () => {
      const runtime = runtimeWith();
      await runtime.deploy(approval);
      const [good, bad] = [newCaseId('group-ok'), newCaseId('group-bad')];
      const start = (id: string, processId: string | null) => ({
        id,
        now: T0,
        snapshot: { status: 'running' },
        lastSeq: 0,
        lastHash: GENESIS_HASH,
        definitionHash: approval.hash,
        processId,
      });
      const documents = [
        start(good, 'p'),
        start(bad, null), // violates cases.process_id NOT NULL
        {
          id: good,
          now: T0,
          snapshot: { status: 'running' },
          lastSeq: 0,
          lastHash: GENESIS_HASH,
          expectedVersion: 7,
        },
      ];
      const [row] = await store.prepared('test_write_commands', 'select tongban_write_commands($1::jsonb)', [
        JSON.stringify(documents),
      ]);
      expect(JSON.parse(row?.[0] ?? 'null')).toEqual([1, expect.objectContaining({ code: '23502' }), 0]);
      expect(await runtime.getCase(good)).toMatchObject({ processId: 'p', version: 1 });
      expect(await runtime.getCase(bad)).toBeNull();
    });

    it('refuses a string the database cannot store at the boundary; its group neighbours land', async () => {
      // One write statement at a time: the completions queued behind the first go as one group.
      const runtime = new DurableRuntime({ store, clock: new ManualClock().now, writeStatements: 1 });
      await runtime.deploy(approval);
      const caseIds = Array.from({ length: 8 }, () => newCaseId('nul'));
      for (const caseId of caseIds) await runtime.start(approval.hash, { type: 'start', caseId });
      const leads = await Promise.all(
        caseIds.map(async (caseId) => openOf(await runtime.tasks(caseId), 'lead_review')),
      );
      const opinions = ['同意', '同意', 'a\u0000b', '同意', '\uD800 同意', '同意', '同意', '同意'];
      const outcomes = await Promise.allSettled(
        caseIds.map((caseId, index) =>
          runtime.execute(caseId, complete(leads[index] as TaskRow, { opinion: opinions[index] ?? '' })),
        ),
      );
      const codes = outcomes.map((outcome) =>
        outcome.status === 'fulfilled' ? 'ok' : (outcome.reason as { code?: string }).code,
      );
      expect(codes).toEqual(['ok', 'ok', 'BAD_COMMAND', 'ok', 'BAD_COMMAND', 'ok', 'ok', 'ok']);
      for (const index of [2, 4]) {
        const outcome = outcomes[index];
        expect(outcome?.status === 'rejected' && String(outcome.reason.message)).toContain('command.opinion');
        expect((await runtime.getCase(caseIds[index] ?? ''))?.version).toBe(1);
      }
      await expect(
        runtime.execute(caseIds[0] ?? '', complete(leads[0] as TaskRow), { matterCode: 'a\u0000' }),
      ).rejects.toThrow('options.matterCode');
    });

    it('sends the commands of a group the database refuses as a whole one by one', async () => {
      // Past the boundary check (an older client, a document the database cannot parse): one
      // document with an escaped NUL makes `$1::jsonb` fail for the whole group statement.
      const writer = new GroupCommit(store, { maxStatements: 1, maxBatch: 64 });
      const ids = Array.from({ length: 4 }, () => newCaseId('whole'));
      const startDoc = (id: string, extra = ''): string =>
        `{"id":"${id}","now":${T0},"snapshot":{"status":"running"${extra}},"lastSeq":0,"lastHash":"${GENESIS_HASH}","definitionHash":"${approval.hash}","processId":"p"}`;
      const results = await Promise.allSettled(
        ids.map((id, index) => writer.write(id, startDoc(id, index === 2 ? ',"x":"\\u0000"' : ''))),
      );
      expect(results.map((result) => (result.status === 'fulfilled' ? result.value.kind : 'failed'))).toEqual(
        ['applied', 'applied', 'failed', 'applied'],
      );
      expect(results[2]).toMatchObject({
        status: 'rejected',
        reason: { code: 'WRITE_FAILED', caseId: ids[2] },
      });
      const runtime = runtimeWith();
      for (const [index, id] of ids.entries()) expect((await runtime.getCase(id)) === null).toBe(index === 2);
    });

    it('fires due timers once, in due order, through the command path', async () => {
      const clock = new ManualClock(T0);
      const runtime = runtimeWith(clock);
      await runtime.deploy(waiting);
      const caseIds: string[] = [];
      for (let index = 0; index < 5; index++) {
        clock.at = T0 + (5 - index) * 60_000; // later cases start earlier: due order differs from insert order
        const caseId = newCaseId('timer');
        caseIds.push(caseId);
        await runtime.start(waiting.hash, { type: 'start', caseId });
      }
      const fired: string[] = [];
      clock.at = T0 + 2 * HOUR;
      const worker = new TimerWorker(runtime, {
        batchSize: 3,
        onFired: (timer, firing) => {
          if (caseIds.includes(timer.caseId) && firing.kind === 'fired') fired.push(timer.caseId);
        },
      });
      while ((await worker.runOnce()) > 0) {}
      expect(fired).toEqual([...caseIds].reverse());
      for (const caseId of caseIds) {
        const timers = await runtime.timers(caseId);
        expect(timers).toHaveLength(1);
        expect(timers[0]).toMatchObject({ firedAt: T0 + 2 * HOUR, claimedBy: null });
        expect((await runtime.tasks(caseId)).map((task) => task.elementId)).toEqual(['review']);
        expect((await runtime.events(caseId)).filter((event) => event.type === 'timer.fired')).toHaveLength(
          1,
        );
      }
      expect(await worker.runOnce()).toBe(0);
    });

    it('takes over a timer whose worker died holding the claim, once the lease runs out', async () => {
      const clock = new ManualClock(T0);
      const runtime = runtimeWith(clock);
      await runtime.deploy(waiting);
      const caseId = newCaseId('lease');
      await runtime.start(waiting.hash, { type: 'start', caseId });
      clock.at = T0 + 2 * HOUR;
      const dead = new TimerWorker(runtime, { workerId: 'dead', leaseMs: 60_000, batchSize: 1000 });
      const claimed = await dead.claim(); // claims, then "dies" without firing
      expect(claimed.some((timer) => timer.caseId === caseId)).toBe(true);
      const survivor = new TimerWorker(runtime, { workerId: 'survivor', batchSize: 1000 });
      expect(await survivor.claim()).toEqual([]);
      clock.at += 61_000;
      await survivor.runOnce();
      expect((await runtime.timers(caseId))[0]?.firedAt).toBe(clock.at);
      expect(await dead.runOnce()).toBe(0);
    });

    it('runs host handlers for service tasks once, completing or failing them durably', async () => {
      const runtime = runtimeWith();
      const definition = checkThenDecide();
      await runtime.deploy(definition);
      const good = newCaseId('svc-ok');
      const bad = newCaseId('svc-bad');
      await runtime.start(definition.hash, { type: 'start', caseId: good, variables: { licence: 'L-1' } });
      await runtime.start(definition.hash, { type: 'start', caseId: bad, variables: { licence: 'revoked' } });
      const calls: string[] = [];
      const worker = new ServiceWorker(runtime, {
        handlers: {
          checkLicence: async ({ caseId, variables }): Promise<Variables> => {
            calls.push(caseId);
            if (variables.licence === 'revoked')
              throw new ServiceHandlerError('LICENCE_REVOKED', 'licence revoked');
            return { licenceValid: true };
          },
        },
      });
      while ((await worker.runOnce()) > 0) {}
      expect(calls.filter((caseId) => caseId === good || caseId === bad).sort()).toEqual([bad, good].sort());

      const goodTasks = await runtime.tasks(good);
      expect(goodTasks.map((task) => [task.elementId, task.status])).toEqual([
        ['check_licence', 'completed'],
        ['decide', 'open'],
      ]);
      const badEvents = await runtime.events(bad);
      expect(badEvents.find((event) => event.type === 'service.failed')?.payload).toMatchObject({
        data: { errorCode: 'LICENCE_REVOKED' },
      });
      expect((await runtime.tasks(bad))[0]?.status).toBe('failed');
      expect((await runtime.getCase(bad))?.status).toBe('failed');
      expect(await worker.runOnce()).toBe(0);
    });

    it('delivers events to hooks in order per case, retries a failing hook, parks it, and redrives', async () => {
      const clock = new ManualClock(T0);
      const seen: HookDelivery[] = [];
      let failFor: string | null = null;
      const hooks = new HookRegistry()
        .register({
          name: 'supervision',
          deliver: async (delivery) => {
            if (delivery.caseId === failFor) throw new Error('监察平台 unavailable');
            seen.push(delivery);
          },
        })
        .register({ name: 'lights-only', events: ['light.changed'], deliver: async () => {} });
      const runtime = runtimeWith(clock, hooks);
      await runtime.deploy(approval);
      const good = newCaseId('hook-ok');
      const bad = newCaseId('hook-bad');
      for (const caseId of [good, bad]) {
        await runtime.start(approval.hash, { type: 'start', caseId });
        await runtime.execute(caseId, complete(openOf(await runtime.tasks(caseId), 'lead_review')));
      }
      expect((await runtime.outbox(good)).every((row) => row.hook === 'supervision')).toBe(true);
      failFor = bad;
      const dispatcher = new OutboxDispatcher({
        store,
        hooks,
        clock: clock.now,
        maxAttempts: 3,
        backoffMs: () => 1000,
      });
      for (let round = 0; round < 10; round++) {
        await dispatcher.runOnce();
        clock.at += 1000;
      }
      const goodEvents = await runtime.events(good);
      const delivered = seen.filter((delivery) => delivery.caseId === good);
      expect(delivered.map((delivery) => delivery.seq)).toEqual(goodEvents.map((event) => event.seq));
      expect(delivered[0]).toMatchObject({
        key: `${good}:1:supervision`,
        event: { type: 'case.started', caseId: good },
      });

      const badRows = await runtime.outbox(bad);
      expect(badRows[0]).toMatchObject({
        parked: true,
        attempts: 3,
        lastError: '监察平台 unavailable',
        deliveredAt: null,
      });
      expect(badRows.slice(1).every((row) => row.attempts === 0 && row.deliveredAt === null)).toBe(true);
      const parked = (await dispatcher.parked()).filter((row) => row.caseId === bad);
      expect(parked.map((row) => row.id)).toEqual([badRows[0]?.id]);

      failFor = null;
      expect(await dispatcher.redrive(badRows[0]?.id ?? -1)).toBe(true);
      expect(await dispatcher.redrive(badRows[0]?.id ?? -1)).toBe(false);
      for (let round = 0; round < 10; round++) await dispatcher.runOnce();
      const badSeen = seen.filter((delivery) => delivery.caseId === bad).map((delivery) => delivery.seq);
      expect(badSeen).toEqual((await runtime.events(bad)).map((event) => event.seq));
      expect((await runtime.outbox(bad)).every((row) => row.deliveredAt !== null)).toBe(true);
    });
    it('delivers other cases while one delivery never finishes; that one times out and is retried', async () => {
      const stuckCase = newCaseId('hook-stuck');
      const seen: HookDelivery[] = [];
      const hooks = new HookRegistry().register({
        name: 'independent',
        // The stuck case's delivery never settles, as a receiver that accepts and never answers.
        deliver: (delivery) =>
          delivery.caseId === stuckCase
            ? new Promise<void>(() => {})
            : Promise.resolve().then(() => {
                seen.push(delivery);
              }),
      });
      const runtime = runtimeWith(new ManualClock(), hooks);
      await runtime.deploy(approval);
      await runtime.start(approval.hash, { type: 'start', caseId: stuckCase });
      const others = [newCaseId('hook-free'), newCaseId('hook-free')];
      for (const caseId of others) {
        await runtime.start(approval.hash, { type: 'start', caseId });
        await runtime.execute(caseId, complete(openOf(await runtime.tasks(caseId), 'lead_review')));
      }
      const dispatcher = new OutboxDispatcher({
        store,
        hooks,
        pollMs: 20,
        deliveryTimeoutMs: 2_000,
        backoffMs: () => 3_600_000,
      });
      dispatcher.start();
      try {
        // Waits until every event of the other cases has been delivered, each case in order.
        await vi.waitFor(
          async () => {
            for (const caseId of others) {
              const expected = (await runtime.events(caseId)).map((event) => event.seq);
              expect(seen.filter((d) => d.caseId === caseId).map((d) => d.seq)).toEqual(expected);
            }
          },
          { timeout: 20_000, interval: 50 },
        );
        // Waits until the stuck delivery ran out of its own time and was put back for a retry.
        await vi.waitFor(
          async () => {
            const [first] = await runtime.outbox(stuckCase);
            expect(first).toMatchObject({ deliveredAt: null, parked: false, claimedBy: null, attempts: 1 });
            expect(first?.lastError).toContain('did not finish');
          },
          { timeout: 20_000, interval: 50 },
        );
      } finally {
        await dispatcher.stop();
      }
    });
  });
}
