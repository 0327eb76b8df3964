import { asc, eq } from 'drizzle-orm';
import { cases, events, outbox, tasks, timers } from '../schema.js';
import type { Executor } from '../store/database.js';

/** A case row as stored. */
export type CaseRow = typeof cases.$inferSelect;
/**
 * A task row as stored (open, completed, cancelled or failed). `id` is the task's id, named as in
 * the engine's `TaskRecord` (what `openTasks` returns on every runtime); `taskId` is the same value
 * under its column's name, kept for existing callers.
 */
export type TaskRow = typeof tasks.$inferSelect & { readonly id: string };
/** An event row as stored, with its audit-chain hashes. */
export type EventRow = typeof events.$inferSelect;
/** A timer row as stored. */
export type TimerRow = typeof timers.$inferSelect;
/** An outbox row: one event for one hook. */
export type OutboxRow = typeof outbox.$inferSelect;

export async function readCase(db: Executor, caseId: string): Promise<CaseRow | null> {
  const [row] = await db.select().from(cases).where(eq(cases.id, caseId));
  return row ?? null;
}

export async function readTasks(db: Executor, caseId: string): Promise<TaskRow[]> {
  const rows = await db
    .select()
    .from(tasks)
    .where(eq(tasks.caseId, caseId))
    .orderBy(asc(tasks.openedAt), asc(tasks.taskId));
  return rows.map((row) => ({ id: row.taskId, ...row }));
}

export function readEvents(db: Executor, caseId: string): Promise<EventRow[]> {
  return db.select().from(events).where(eq(events.caseId, caseId)).orderBy(asc(events.seq));
}

export function readTimers(db: Executor, caseId: string): Promise<TimerRow[]> {
  return db
    .select()
    .from(timers)
    .where(eq(timers.caseId, caseId))
    .orderBy(asc(timers.dueAt), asc(timers.timerId));
}

export function readOutbox(db: Executor, caseId: string): Promise<OutboxRow[]> {
  return db.select().from(outbox).where(eq(outbox.caseId, caseId)).orderBy(asc(outbox.id));
}
