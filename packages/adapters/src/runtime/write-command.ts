import type { WritePlan } from './plan.js';

/** What the case row gets besides the plan: its identity on start, or the version it must still have. */
export type CaseWrite =
  | {
      readonly kind: 'insert';
      readonly definitionHash: string;
      readonly processId: string;
      readonly matterCode: string | null;
      readonly region: { province: string | null; city: string | null; county: string | null };
    }
  | { readonly kind: 'update'; readonly expectedVersion: number };

/**
 * The whole write of one command as one JSON document, the argument of the `tongban_write_command`
 * function (migrations 0001 and 0005), which checks the case's version, then writes the case,
 * events, tasks, timers, outbox and idempotency key. Empty lists and absent values are left out:
 * every byte of it is parsed by the database (in WASM on PGlite), on every command.
 */
export function writeCommandDocument(
  plan: WritePlan,
  target: CaseWrite,
  now: number,
  idempotency: { readonly key: string; readonly result: unknown; readonly fingerprint: string } | null,
): string {
  const doc: Record<string, unknown> = {
    id: plan.caseId,
    now,
    snapshot: plan.snapshot,
    lastSeq: plan.lastSeq,
    lastHash: plan.lastHash,
  };
  if (plan.taskDue !== null) doc.taskDue = plan.taskDue;
  if (target.kind === 'insert') {
    doc.definitionHash = target.definitionHash;
    doc.processId = target.processId;
    doc.matterCode = target.matterCode;
    doc.region = target.region;
  } else {
    doc.expectedVersion = target.expectedVersion;
  }
  // The type and time of an event are in its payload; the function reads them from there.
  if (plan.events.length > 0)
    doc.events = plan.events.map((e) => ({
      seq: e.seq,
      payload: e.payload,
      prev_hash: e.prevHash,
      hash: e.hash,
    }));
  if (plan.openTasks.length > 0)
    doc.open = plan.openTasks.map((t) => ({
      id: t.id,
      elementId: t.elementId,
      name: t.name,
      kind: t.kind,
      department: t.department,
      role: t.role,
      handler: t.handler,
      dueAt: t.dueAt,
      openedAt: t.openedAt,
    }));
  if (plan.closures.length > 0)
    doc.closures = plan.closures.map((c) => ({
      task_id: c.taskId,
      status: c.status,
      completed_by: c.completedBy,
      outcome: c.outcome,
      opinion: c.opinion,
    }));
  if (target.kind === 'update' && plan.sweep) {
    doc.sweep = true;
    doc.keep = [...plan.openIds, ...plan.closures.map((closure) => closure.taskId)];
  }
  if (plan.timersSet.length > 0)
    doc.timersSet = plan.timersSet.map((t) => ({
      id: t.id,
      dueAt: t.dueAt,
      purpose: t.purpose,
      elementId: t.elementId,
    }));
  if (plan.timersCancel.length > 0) doc.timersCancel = plan.timersCancel;
  if (plan.firedTimer !== null) doc.fired = plan.firedTimer;
  if (plan.outbox.length > 0) doc.outbox = plan.outbox;
  if (idempotency !== null) {
    doc.key = idempotency.key;
    doc.result = idempotency.result;
    doc.fingerprint = idempotency.fingerprint;
  }
  return JSON.stringify(doc);
}

/**
 * The statements writing commands, prepared once per connection and run with the document (or the
 * JSON array of documents) as their one text parameter: no SQL text is parsed per command, and the
 * driver sends Bind, Execute and Sync in one message (on PGlite, one call into WASM).
 *
 * `single`: `tongban_write_command`, atomic as one statement; it returns 1 when the command landed,
 * 0 on a version conflict (nothing written), and raises unique_violation on a duplicate
 * idempotency key or case (nothing written).
 *
 * `group`: `tongban_write_commands` (migration 0005) writes each document in its own subtransaction
 * within the one transaction of the statement and returns a JSON array with one result per
 * document: 1, 0, or `{ code, message }` for a command that raised an error (that command wrote
 * nothing; the others are unaffected).
 */
export const WRITE_STATEMENTS = {
  single: { name: 'tongban_write_command', text: 'select tongban_write_command($1::jsonb)' },
  group: { name: 'tongban_write_commands', text: 'select tongban_write_commands($1::jsonb)' },
} as const;
