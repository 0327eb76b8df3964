import type { StoredTask, WorklistItem, WorklistPage, WorklistQuery } from '@tongban/engine';
import { normalizeWorklistQuery, taskRecord } from '@tongban/engine/internal';
import { type SQL, sql } from 'drizzle-orm';
import type { TongbanStore } from '../store/store.js';
import { pageTotal } from './page-total.js';

interface WorklistRow {
  case_id: string;
  light: WorklistItem['light'];
  case_due_at: string | number | null;
  matter_code: string | null;
  task: StoredTask;
  total: string | number;
}

/**
 * 待办 from the store: open user tasks joined with their cases. A department's list is read from
 * the `tasks_open_department_idx` index (department, due date) of open tasks; a person's tasks are
 * matched on the task as the case snapshot records it (签收, 委派, assigned handlers).
 */
export async function queryWorklist(store: TongbanStore, query: WorklistQuery): Promise<WorklistPage> {
  const q = normalizeWorklistQuery(query);
  const task = sql`(c.snapshot #> array['machine', 'context', 'tasks', t.task_id])`;
  const where: SQL[] = [sql`t.status = 'open'`, sql`t.kind = 'user'`];
  if (q.department !== undefined) where.push(sql`t.department = ${q.department}`);
  if (q.person !== undefined) {
    where.push(sql`(${task} ->> 'claimedBy' = ${q.person} or ${task} ->> 'delegatedTo' = ${q.person}
      or coalesce(${task} -> 'handlers', '[]'::jsonb) @> jsonb_build_array(jsonb_build_object('id', ${q.person}::text)))`);
  }
  if (q.lights !== null)
    where.push(
      sql`c.light in (${sql.join(
        q.lights.map((l) => sql`${l}`),
        sql`, `,
      )})`,
    );
  if (q.dueBefore !== undefined) where.push(sql`t.due_at <= ${q.dueBefore}::bigint`);
  if (q.matterCode !== undefined) where.push(sql`c.matter_code = ${q.matterCode}`);
  const due = sql`coalesce(t.due_at, ${Number.MAX_SAFE_INTEGER}::bigint)`;
  const tie = sql`t.opened_at, t.case_id collate "C", t.task_id collate "C"`;
  const order =
    q.sort === 'opened'
      ? tie
      : q.sort === 'due'
        ? sql`${due}, ${tie}`
        : sql`case c.light when 'red' then 0 when 'yellow' then 1 when 'green' then 2 else 3 end, ${due}, ${tie}`;
  const filter = sql.join(where, sql` and `);
  const rows = await store.query<WorklistRow>(
    sql`select t.case_id, c.light, c.due_at as case_due_at, c.matter_code, ${task} as task,
        count(*) over () as total
      from tasks t join cases c on c.id = t.case_id
      where ${filter}
      order by ${order}
      limit ${q.limit} offset ${q.offset}`,
  );
  const total = await pageTotal(
    store,
    rows,
    q.offset,
    sql`select count(*) as n from tasks t join cases c on c.id = t.case_id where ${filter}`,
  );
  return {
    total,
    items: rows.map((row) => ({
      caseId: row.case_id,
      matterCode: row.matter_code,
      light: row.light,
      caseDueAt: row.case_due_at === null ? null : Number(row.case_due_at),
      task: taskRecord(row.task),
    })),
  };
}
