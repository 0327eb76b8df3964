import type { StoredTask, WorklistItem, WorklistPage, WorklistQuery } from '@tongban/engine';
import { normalizeWorklistQuery, taskRecord } from '@tongban/engine/internal';
import { type SQL, sql } from 'drizzle-orm';
import type { TongbanStore } from '../store/store.js';
import { pageTotal } from './page-total.js';

interface WorklistRow {
  case_id: string;
  task_light: WorklistItem['light'];
  case_light: WorklistItem['light'];
  case_due_at: string | number | null;
  matter_code: string | null;
  task: StoredTask;
  total: string | number;
}

/**
 * 待办 from the store: open user tasks joined with their cases. A department's list is read from
 * the `tasks_open_department_idx` index (department, due date) of open tasks; a person's cases from
 * the `cases_task_holders_idx` index, and their tasks matched on the task as the case snapshot
 * records it (签收, 委派, assigned handlers). A row's
 * light is the task's own clock light from the snapshot, else the case's (`lightFrom`).
 */
export async function queryWorklist(store: TongbanStore, query: WorklistQuery): Promise<WorklistPage> {
  const q = normalizeWorklistQuery(query);
  const task = sql`(c.snapshot #> array['machine', 'context', 'tasks', t.task_id])`;
  // The task's own clock light (task clocks are keyed by task id), else the case's.
  const taskLight = sql`(c.snapshot #>> array['machine', 'context', 'lights', t.task_id])`;
  const light = sql`coalesce(${taskLight}, c.light)`;
  const where: SQL[] = [sql`t.status = 'open'`, sql`t.kind = 'user'`];
  if (q.department !== undefined) where.push(sql`t.department = ${q.department}`);
  if (q.person !== undefined) {
    // The cases where the person holds some open task, from the `cases_task_holders_idx` index
    // (migration 0007); then which of their tasks, as below.
    where.push(sql`tongban_task_holders(c.snapshot) @> array[${q.person}::text]`);
    where.push(sql`(${task} ->> 'claimedBy' = ${q.person} or ${task} ->> 'delegatedTo' = ${q.person}
      or coalesce(${task} -> 'handlers', '[]'::jsonb) @> jsonb_build_array(jsonb_build_object('id', ${q.person}::text)))`);
  }
  if (q.lights !== null)
    where.push(
      sql`${light} in (${sql.join(
        q.lights.map((l) => sql`${l}`),
        sql`, `,
      )})`,
    );
  if (q.dueBefore !== undefined) where.push(sql`t.due_at <= ${q.dueBefore}::bigint`);
  if (q.matterCode !== undefined) where.push(sql`c.matter_code = ${q.matterCode}`);
  // `opened` ignores the deadline; `due` and `urgency` put tasks without one last.
  const due =
    q.sort === 'opened' ? sql`0::bigint` : sql`coalesce(t.due_at, ${Number.MAX_SAFE_INTEGER}::bigint)`;
  // Urgency needs every matching row's light, read from its case's snapshot: computed once per
  // row, as a rank the inner query sorts on by name.
  const rank =
    q.sort === 'urgency'
      ? sql`case ${light} when 'red' then 0 when 'yellow' then 1 when 'green' then 2 else 3 end`
      : sql`0`;
  const filter = sql.join(where, sql` and `);
  // Two steps: the page is chosen from the task rows (and only what the filters and the order need
  // of the case), then only its rows read their task from the snapshot. Reading the task of every
  // match first cost a snapshot decompression per match and per expression (8,300 of them for one
  // department of 100,000 cases: bench:worklist).
  const rows = await store.query<WorklistRow>(
    sql`with page as (
        select t.case_id, t.task_id, ${rank} as rank, ${due} as due, t.opened_at, count(*) over () as total
        from tasks t join cases c on c.id = t.case_id
        where ${filter}
        order by rank, due, t.opened_at, t.case_id collate "C", t.task_id collate "C"
        limit ${q.limit} offset ${q.offset})
      select p.case_id, p.total, c.light as case_light, c.due_at as case_due_at, c.matter_code,
        c.snapshot #>> array['machine', 'context', 'lights', p.task_id] as task_light,
        c.snapshot #> array['machine', 'context', 'tasks', p.task_id] as task
      from page p join cases c on c.id = p.case_id
      order by p.rank, p.due, p.opened_at, p.case_id collate "C", p.task_id collate "C"`,
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
      light: row.task_light ?? row.case_light,
      lightFrom: row.task_light === null ? 'case' : 'task',
      caseLight: row.case_light,
      caseDueAt: row.case_due_at === null ? null : Number(row.case_due_at),
      task: taskRecord(row.task),
    })),
  };
}
