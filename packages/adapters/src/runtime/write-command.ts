import { type SQL, sql } from 'drizzle-orm';
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
 * The whole write of one command as ONE statement with ONE parameter: a call of the
 * `tongban_write_command` function (migration 0001), which checks the case's version, then writes
 * the case, events, tasks, timers, outbox and idempotency key. One round trip, atomic on its own
 * (no explicit transaction); the function's statements are planned once per connection, and
 * everything travels in one JSON parameter because each bound parameter costs work in PGlite.
 * The statement returns one row: `applied` is 1 when the command landed, 0 on a version conflict
 * (nothing written); a duplicate idempotency key raises unique_violation (nothing written).
 */
export function writeCommandStatement(
  plan: WritePlan,
  target: CaseWrite,
  now: number,
  idempotency: { readonly key: string; readonly result: unknown } | null,
): SQL {
  const snap = plan.snapshot;
  const input = {
    id: plan.caseId,
    now,
    snapshot: snap,
    lastSeq: plan.lastSeq,
    lastHash: plan.lastHash,
    ...(target.kind === 'insert'
      ? {
          definitionHash: target.definitionHash,
          processId: target.processId,
          matterCode: target.matterCode,
          region: target.region,
        }
      : { expectedVersion: target.expectedVersion }),
    events: plan.events.map(eventRow),
    open: plan.openTasks,
    closures: plan.closures.map(closureRow),
    keep: [...plan.openIds, ...plan.closures.map((closure) => closure.taskId)],
    sweep: target.kind === 'update' && plan.sweep,
    timersSet: plan.timersSet,
    timersCancel: plan.timersCancel,
    fired: plan.firedTimer,
    outbox: plan.outbox,
    key: idempotency?.key ?? null,
    result: idempotency?.result ?? null,
  };
  return sql`select tongban_write_command(${JSON.stringify(input)}::jsonb) as applied`;
}

function eventRow(event: WritePlan['events'][number]) {
  return {
    seq: event.seq,
    type: event.type,
    at: event.at,
    payload: event.payload,
    prev_hash: event.prevHash,
    hash: event.hash,
  };
}

function closureRow(closure: WritePlan['closures'][number]) {
  return {
    task_id: closure.taskId,
    status: closure.status,
    completed_by: closure.completedBy,
    outcome: closure.outcome,
    opinion: closure.opinion,
  };
}
