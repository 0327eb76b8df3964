import type { StoredTask, WorklistItem, WorklistPage, WorklistQuery } from '@tongban/engine';
import { normalizeWorklistQuery, taskRecord } from '@tongban/engine/internal';
import { type SQL, sql } from 'drizzle-orm';
import type { TongbanStore } from '../store/store.js';

interface WorklistRow {
  case_id: string;
  task_light: WorklistItem['light'];
  case_light: WorklistItem['light'];
  case_due_at: string | number | null;
  matter_code: string | null;
  task: StoredTask;
}

/** The rank `tasks.urgency` stores for a light (the SQL function `tongban_urgency`, migration 0008). */
const URGENCY = { red: 0, yellow: 1, green: 2 } as const;

/** The worklist order on a relation aliased `r` with the task columns, ties broken by ids (pages never overlap). */
function orderOf(sort: 'urgency' | 'due' | 'opened', r: SQL): SQL {
  // `due_at` ascending puts tasks without a deadline last; `opened` ignores the deadline.
  const tie = sql`${r}.opened_at, ${r}.case_id collate "C", ${r}.task_id collate "C"`;
  if (sort === 'opened') return tie;
  if (sort === 'due') return sql`${r}.due_at, ${tie}`;
  return sql`${r}.urgency, ${r}.due_at, ${tie}`;
}

/**
 * 待办 from the store: open user tasks joined with their cases. A department's list most urgent
 * first is read in the order of the `tasks_open_urgency_idx` index (department, urgency, due date,
 * opened, ids), so a page costs its own rows: the urgency is the column the write function keeps
 * from the snapshot's lights (migration 0008), not read from each match's snapshot. A person's
 * cases come from the `cases_task_holders_idx` index, and their tasks are matched on the task as
 * the case snapshot records it (签收, 委派, assigned handlers). A row's light is the task's own
 * clock light from the snapshot, else the case's (`lightFrom`).
 */
export async function queryWorklist(store: TongbanStore, query: WorklistQuery): Promise<WorklistPage> {
  const q = normalizeWorklistQuery(query);
  const task = sql`(c.snapshot #> array['machine', 'context', 'tasks', t.task_id])`;
  const where: SQL[] = [sql`t.status = 'open'`, sql`t.kind = 'user'`];
  // Only a person or a matter needs the case row to choose the page.
  let needsCase = false;
  if (q.department !== undefined) where.push(sql`t.department = ${q.department}`);
  if (q.person !== undefined) {
    needsCase = true;
    // The cases where the person holds some open task, from the `cases_task_holders_idx` index
    // (migration 0007); then which of their tasks, as below.
    where.push(sql`tongban_task_holders(c.snapshot) @> array[${q.person}::text]`);
    where.push(sql`(${task} ->> 'claimedBy' = ${q.person} or ${task} ->> 'delegatedTo' = ${q.person}
      or coalesce(${task} -> 'handlers', '[]'::jsonb) @> jsonb_build_array(jsonb_build_object('id', ${q.person}::text)))`);
  }
  // `urgency` is the rank of the light a row shows (its own, else the case's), as stored.
  if (q.lights !== null)
    where.push(
      sql`t.urgency in (${sql.join(
        q.lights.map((l) => sql`${URGENCY[l]}::smallint`),
        sql`, `,
      )})`,
    );
  if (q.dueBefore !== undefined) where.push(sql`t.due_at <= ${q.dueBefore}::bigint`);
  if (q.matterCode !== undefined) {
    needsCase = true;
    where.push(sql`c.matter_code = ${q.matterCode}`);
  }
  const from = needsCase ? sql`tasks t join cases c on c.id = t.case_id` : sql`tasks t`;
  const filter = sql.join(where, sql` and `);
  // Two steps: the page is chosen from the task rows (and only what the filters need of the
  // case), then only its rows read their task and light from the snapshot.
  const rows = await store.query<WorklistRow>(
    sql`with page as (
        select t.case_id, t.task_id, t.urgency, t.due_at, t.opened_at from ${from}
        where ${filter}
        order by ${orderOf(q.sort, sql`t`)}
        limit ${q.limit} offset ${q.offset})
      select p.case_id, c.light as case_light, c.due_at as case_due_at, c.matter_code,
        c.snapshot #>> array['machine', 'context', 'lights', p.task_id] as task_light,
        c.snapshot #> array['machine', 'context', 'tasks', p.task_id] as task
      from page p join cases c on c.id = p.case_id
      order by ${orderOf(q.sort, sql`p`)}`,
  );
  // A short page says the total itself; otherwise count (from the same index, without the snapshots).
  const total =
    rows.length < q.limit && (rows.length > 0 || q.offset === 0)
      ? q.offset + rows.length
      : Number(
          (
            await store.query<{ n: string | number }>(sql`select count(*) as n from ${from} where ${filter}`)
          )[0]?.n ?? 0,
        );
  return {
    total,
    items: rows.map((row) => ({
      caseId: row.case_id,
      matterCode: row.matter_code,
      light: row.task_light ?? row.case_light,
      lightFrom: row.task_light === null ? 'case' : 'task',
      caseLight: row.case_light,
      caseDueAt: row.case_due_at === null ? null : Number(row.case_due_at),
      task: taskRecord(row.task),
    })),
  };
}
