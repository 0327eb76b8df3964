/**
 * The drizzle schema of the durable runtime. Logic times (due dates, firing, leases, event times)
 * are epoch milliseconds in `bigint` columns, the same `Instant` the engine computes with, so
 * nothing depends on the server's or the host's time zone; `created_at` columns are the server's
 * own wall clock, for operators.
 *
 * `tasks`, `events` and `timers` have no foreign key to `cases` (migration 0004 dropped them): the
 * one statement that writes a command writes the case row first and its rows after it, and nothing
 * deletes cases, so the key could never fail, while checking it cost a look-up of the case for every
 * row a command writes.
 * @module
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const instant = (name: string) => bigint(name, { mode: 'number' });

/** Compiled definitions, one row per content hash: a case runs on the version it started with. */
export const definitions = pgTable('definitions', {
  hash: text('hash').primaryKey(),
  processId: text('process_id').notNull(),
  document: jsonb('document').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Cases (办件): the engine's snapshot plus the columns supervisors query by. */
export const cases = pgTable(
  'cases',
  {
    id: text('id').primaryKey(),
    definitionHash: text('definition_hash')
      .notNull()
      .references(() => definitions.hash),
    processId: text('process_id').notNull(),
    status: text('status').notNull(),
    light: text('light'),
    dueAt: instant('due_at'),
    /**
     * The nearest deadline among the case's open tasks, kept by the write function from the open
     * tasks the command leaves (migration 0008): the board ranks a case by it without reading its tasks.
     */
    taskDue: instant('task_due'),
    snapshot: jsonb('snapshot').notNull(),
    /** Optimistic lock: every write checks and bumps it. */
    version: integer('version').notNull(),
    /** Sequence number and hash of the case's last event: the head of its audit chain. */
    lastSeq: integer('last_seq').notNull(),
    lastHash: text('last_hash').notNull(),
    matterCode: text('matter_code'),
    regionProvince: text('region_province'),
    regionCity: text('region_city'),
    regionCounty: text('region_county'),
    startedAt: instant('started_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('cases_matter_idx').on(t.matterCode),
    /**
     * The supervision board (migration 0009). A page is read per urgency in the order of these
     * indexes — by light, then the nearest deadline among the case and its open tasks — and stops
     * after the page; the counts scan the first one alone (an index-only scan: it holds every column
     * the ranking and the filters read, none of the wide rows with their snapshots).
     */
    index('cases_board_light_idx')
      .on(
        t.light,
        sql`least(${t.dueAt}, ${t.taskDue})`,
        t.id,
        t.dueAt,
        t.taskDue,
        t.status,
        t.matterCode,
        t.regionProvince,
        t.regionCity,
        t.regionCounty,
      )
      .where(sql`${t.status} in ('pending', 'running', 'suspended', 'returned')`),
    /**
     * The board's counts by stored light: few distinct keys, so the index deduplicates to a small
     * fraction of the others and counting live cases reads only it.
     */
    index('cases_board_count_idx')
      .on(t.light, t.status, t.matterCode, t.regionProvince, t.regionCity, t.regionCounty)
      .where(sql`${t.status} in ('pending', 'running', 'suspended', 'returned')`),
    /** The board's overdue cases (red whatever their stored light), nearest deadline first. */
    index('cases_board_due_idx')
      .on(
        sql`least(${t.dueAt}, ${t.taskDue})`,
        t.id,
        t.light,
        t.dueAt,
        t.taskDue,
        t.status,
        t.matterCode,
        t.regionProvince,
        t.regionCity,
        t.regionCounty,
      )
      .where(sql`${t.status} in ('pending', 'running', 'suspended', 'returned')`),
    /** 办件查询 by received date (newest first), alone or within one status. */
    index('cases_started_idx').on(t.startedAt),
    index('cases_status_started_idx').on(t.status, t.startedAt),
    /**
     * 待办 of a person: who holds an open task of the case (签收, 委派, assigned handlers), read from
     * the snapshot by `tongban_task_holders` (migration 0007), so the write path is unchanged.
     */
    index('cases_task_holders_idx').using('gin', sql`tongban_task_holders(${t.snapshot})`),
  ],
);

/** Tasks, open and closed: who must act, by when, and who did what. */
export const tasks = pgTable(
  'tasks',
  {
    caseId: text('case_id').notNull(),
    taskId: text('task_id').notNull(),
    elementId: text('element_id').notNull(),
    name: text('name'),
    kind: text('kind').notNull(),
    department: text('department'),
    role: text('role'),
    handler: text('handler'),
    status: text('status').notNull(),
    dueAt: instant('due_at'),
    /**
     * The task's own clock light as the case snapshot says after the last command (null: no clock),
     * and its worklist urgency: 0 red, 1 yellow, 2 green, 3 none, of that light or else the case's.
     * The write function sets both on every command of the case (migration 0008), timers' light
     * changes included, so they are as fresh as the snapshot; only open tasks are kept current.
     */
    light: text('light'),
    urgency: smallint('urgency').notNull().default(3),
    completedBy: text('completed_by'),
    outcome: text('outcome'),
    opinion: text('opinion'),
    openedAt: instant('opened_at').notNull(),
    closedAt: instant('closed_at'),
    /** Service tasks: the worker running the host handler, and until when its claim holds. */
    claimedBy: text('claimed_by'),
    leaseUntil: instant('lease_until'),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.taskId] }),
    index('tasks_service_open_idx').on(t.openedAt).where(sql`${t.kind} = 'service' and ${t.status} = 'open'`),
    index('tasks_open_department_idx').on(t.department, t.dueAt).where(sql`${t.status} = 'open'`),
    /** A department's 待办 most urgent first: a page read in index order, no snapshot per match. */
    index('tasks_open_urgency_idx')
      .on(
        t.department,
        t.urgency,
        t.dueAt,
        t.openedAt,
        sql`${t.caseId} collate "C"`,
        sql`${t.taskId} collate "C"`,
      )
      .where(sql`${t.status} = 'open' and ${t.kind} = 'user'`),
    /**
     * A worklist's total and its light filter: counted from this small index (one entry per urgency
     * of a department, deduplicated), not from the page's wide one.
     */
    index('tasks_open_department_urgency_idx')
      .on(t.department, t.urgency)
      .where(sql`${t.status} = 'open' and ${t.kind} = 'user'`),
    /** The supervision board: each case's nearest open deadline without touching closed tasks. */
    index('tasks_open_case_idx').on(t.caseId, t.dueAt).where(sql`${t.status} = 'open'`),
  ],
);

/** Append-only events, hash-chained per case (tamper-evident audit for supervisors). */
export const events = pgTable(
  'events',
  {
    caseId: text('case_id').notNull(),
    seq: integer('seq').notNull(),
    /**
     * Global order of insertion, for the statistics roll-up's watermark. Only the order matters:
     * ids of rolled-back commands leave gaps, and the sequence must keep its default cache of 1 so
     * that ids are handed out in time order (see supervision/rollup.ts).
     */
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    type: text('type').notNull(),
    at: instant('at').notNull(),
    payload: jsonb('payload').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.seq] }),
    /** Supervision statistics over a period read only that period's events. */
    index('events_at_idx').on(t.at),
    /** The statistics roll-up folds, and statistics read, the events after its watermark. */
    uniqueIndex('events_id_idx').on(t.id),
  ],
);

/** Timers the cases want fired. A row is claimed with a lease; `fired_at` is set in the firing transaction. */
export const timers = pgTable(
  'timers',
  {
    caseId: text('case_id').notNull(),
    timerId: text('timer_id').notNull(),
    dueAt: instant('due_at').notNull(),
    purpose: text('purpose').notNull(),
    elementId: text('element_id'),
    claimedBy: text('claimed_by'),
    leaseUntil: instant('lease_until'),
    firedAt: instant('fired_at'),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.timerId] }),
    index('timers_due_idx').on(t.dueAt).where(sql`${t.firedAt} is null`),
  ],
);

/** One row per (event, subscribed hook): delivered at least once, in order per case and hook. */
export const outbox = pgTable(
  'outbox',
  {
    id: serial('id').primaryKey(),
    caseId: text('case_id').notNull(),
    eventSeq: integer('event_seq').notNull(),
    hook: text('hook').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: instant('next_attempt_at').notNull(),
    claimedBy: text('claimed_by'),
    leaseUntil: instant('lease_until'),
    parked: boolean('parked').notNull().default(false),
    deliveredAt: instant('delivered_at'),
    lastError: text('last_error'),
  },
  (t) => [
    uniqueIndex('outbox_event_hook_idx').on(t.caseId, t.eventSeq, t.hook),
    index('outbox_pending_idx').on(t.caseId, t.hook, t.id).where(sql`${t.deliveredAt} is null`),
    index('outbox_next_idx').on(t.nextAttemptAt).where(sql`${t.deliveredAt} is null and not ${t.parked}`),
  ],
);

/**
 * The statistics roll-up: one row per Beijing civil day, statistics dimension and group, holding
 * the additive figures of the events of that day (sums and counts only, so averages stay exact).
 * Kept by `rollUpStatistics` off the command path; `queryStatistics` adds the events after the
 * watermark. A null group (matter or window unknown) is `has_key = false` with key ''.
 */
export const statisticsDays = pgTable(
  'statistics_days',
  {
    dimension: text('dimension').notNull(),
    /** The day's first instant (00:00 Beijing time) in epoch ms. */
    dayStart: instant('day_start').notNull(),
    hasKey: boolean('has_key').notNull(),
    key: text('key').notNull(),
    received: integer('received').notNull(),
    completed: integer('completed').notNull(),
    completedOnTime: integer('completed_on_time').notNull(),
    completedEarly: integer('completed_early').notNull(),
    overdue: integer('overdue').notNull(),
    workingDaysOver: doublePrecision('working_days_over').notNull(),
    timed: integer('timed').notNull(),
    workingDaysUsed: doublePrecision('working_days_used').notNull(),
    suspensions: integer('suspensions').notNull(),
    extensions: integer('extensions').notNull(),
    urges: integer('urges').notNull(),
    supervisions: integer('supervisions').notNull(),
  },
  (t) => [primaryKey({ columns: [t.dimension, t.dayStart, t.hasKey, t.key] })],
);

/** How far the roll-up has folded: every event with `id <= watermark` is in `statistics_days`. */
export const statisticsRollup = pgTable('statistics_rollup', {
  name: text('name').primaryKey(),
  watermark: bigint('watermark', { mode: 'number' }).notNull(),
  rolledAt: timestamp('rolled_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Idempotency keys of applied commands and what they returned. */
export const commands = pgTable('commands', {
  key: text('key').primaryKey(),
  caseId: text('case_id').notNull(),
  result: jsonb('result').notNull(),
  /**
   * SHA-256 of the command the key was first used for (migration 0006): the same key sent with a
   * different command is refused instead of answered with the first one's result. Null on rows
   * written before it.
   */
  fingerprint: text('fingerprint'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Every table, for `drizzle({ schema })` and typed queries. */
export const schema = {
  definitions,
  cases,
  tasks,
  events,
  timers,
  outbox,
  commands,
  statisticsDays,
  statisticsRollup,
};
