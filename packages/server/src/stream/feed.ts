import type { TongbanStore } from '@tongban/adapters';
import { sql } from 'drizzle-orm';

/** One stored event as the stream sends it. */
export interface FeedEvent {
  /** The global event id (the store's `events.id`): the stream's event id, for Last-Event-ID. */
  readonly id: number;
  readonly caseId: string;
  readonly seq: number;
  readonly type: string;
  readonly at: number;
  readonly payload: unknown;
  /** Departments that have or had a task in the case (who on staff may see it). */
  readonly departments: readonly string[];
}

interface Row {
  id: string | number;
  case_id: string;
  seq: number;
  type: string;
  at: string | number;
  payload: unknown;
  departments: string[] | null;
}

/** How long a hole in the event ids is waited for before it is taken as a rolled-back command. */
export const GAP_GRACE_MS = 5_000;
const BATCH = 500;

/**
 * Reads the events after `after` in id order, for the event stream. Event ids come from a sequence
 * when a command's transaction inserts them, and transactions commit in any order: a later id may
 * be visible before an earlier one. The feed never passes a hole: it stops before it until the hole
 * fills, or for {@link GAP_GRACE_MS} (a rolled-back command leaves a hole forever; `holes` remembers
 * since when each was seen), so a client resuming from an id misses nothing committed within that time.
 */
export async function readEventsAfter(
  store: TongbanStore,
  after: number,
  holes: Map<number, number>,
  now: number,
): Promise<FeedEvent[]> {
  const rows = await store.query<Row>(
    sql`select e.id, e.case_id, e.seq, e.type, e.at, e.payload,
        (select array_agg(distinct t.department) from tasks t where t.case_id = e.case_id and t.department is not null) as departments
      from events e where e.id > ${after}::bigint order by e.id limit ${BATCH}`,
  );
  const out: FeedEvent[] = [];
  let expected = after + 1;
  for (const row of rows) {
    const id = Number(row.id);
    if (id !== expected) {
      const since = holes.get(expected) ?? now;
      holes.set(expected, since);
      if (now - since < GAP_GRACE_MS) break;
    }
    holes.delete(expected);
    out.push({
      id,
      caseId: row.case_id,
      seq: Number(row.seq),
      type: row.type,
      at: Number(row.at),
      payload: row.payload,
      departments: row.departments ?? [],
    });
    expected = id + 1;
  }
  return out;
}

/** The newest event id (0 when there is none): where a stream without Last-Event-ID starts. */
export async function latestEventId(store: TongbanStore): Promise<number> {
  const rows = await store.query<{ id: string | number | null }>(sql`select max(id) as id from events`);
  return Number(rows[0]?.id ?? 0);
}
