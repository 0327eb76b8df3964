-- Board and worklist at scale (issue 18): what they rank by becomes columns the write function
-- keeps, so a page is read in index order and only its own rows read snapshots. tasks.light and
-- tasks.urgency: an open task's clock light as the snapshot says, and the rank of that light or
-- else the case's (red 0 … none 3). cases.task_due: the nearest deadline among its open tasks.
-- The existing rows are filled from the snapshots and tasks (each live case and open task row is
-- rewritten once) before the indexes are built.
DROP INDEX "cases_live_idx";
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "task_due" bigint;
--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "light" text;
--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "urgency" smallint DEFAULT 3 NOT NULL;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tongban_urgency(light text) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (CASE light WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 WHEN 'green' THEN 2 ELSE 3 END)::smallint
$$;
--> statement-breakpoint
UPDATE cases SET task_due = open_tasks.due
FROM (SELECT case_id, min(due_at) AS due FROM tasks WHERE status = 'open' GROUP BY case_id) AS open_tasks
WHERE cases.id = open_tasks.case_id AND open_tasks.due IS NOT NULL;
--> statement-breakpoint
UPDATE tasks SET light = cases.snapshot #>> array['machine', 'context', 'lights', tasks.task_id],
  urgency = tongban_urgency(coalesce(cases.snapshot #>> array['machine', 'context', 'lights', tasks.task_id], cases.light))
FROM cases
WHERE cases.id = tasks.case_id AND tasks.status = 'open';
--> statement-breakpoint
CREATE INDEX "cases_board_idx" ON "cases" USING btree ("light","due_at","task_due","status","id","matter_code","region_province","region_city","region_county") WHERE "cases"."status" in ('pending', 'running', 'suspended', 'returned');
--> statement-breakpoint
CREATE INDEX "tasks_open_urgency_idx" ON "tasks" USING btree ("department","urgency","due_at","opened_at","case_id" collate "C","task_id" collate "C") WHERE "tasks"."status" = 'open' and "tasks"."kind" = 'user';
--> statement-breakpoint
CREATE INDEX "tasks_open_department_urgency_idx" ON "tasks" USING btree ("department","urgency") WHERE "tasks"."status" = 'open' and "tasks"."kind" = 'user';
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tongban_write_command(j jsonb) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  v_case text := j->>'id';
  v_now bigint := (j->>'now')::bigint;
  v_snap jsonb := j->'snapshot';
  -- Task clock lights by task id; a task without one shows the case light (its worklist urgency).
  v_lights jsonb := v_snap #> '{machine,context,lights}';
BEGIN
  IF j ? 'expectedVersion' THEN
    UPDATE cases SET snapshot = v_snap, status = v_snap->>'status', light = v_snap->>'light',
      due_at = (v_snap->>'dueAt')::bigint, task_due = (j->>'taskDue')::bigint, version = version + 1, last_seq = (j->>'lastSeq')::int,
      last_hash = j->>'lastHash', updated_at = v_now
    WHERE id = v_case AND version = (j->>'expectedVersion')::int;
  ELSE
    INSERT INTO cases (id, definition_hash, process_id, status, light, due_at, task_due, snapshot, version,
      last_seq, last_hash, matter_code, region_province, region_city, region_county, started_at, updated_at)
    VALUES (v_case, j->>'definitionHash', j->>'processId', v_snap->>'status', v_snap->>'light',
      (v_snap->>'dueAt')::bigint, (j->>'taskDue')::bigint, v_snap, 1, (j->>'lastSeq')::int, j->>'lastHash',
      j->>'matterCode', j->'region'->>'province', j->'region'->>'city', j->'region'->>'county', v_now, v_now)
    ON CONFLICT (id) DO NOTHING;
  END IF;
  IF NOT FOUND THEN
    RETURN 0;
  END IF;

  IF jsonb_array_length(coalesce(j->'events', '[]')) > 0 THEN
    INSERT INTO events (case_id, seq, type, at, payload, prev_hash, hash)
    SELECT v_case, e.seq, coalesce(e.type, e.payload->>'type'), coalesce(e.at, (e.payload->>'at')::bigint),
      e.payload, e.prev_hash, e.hash
    FROM jsonb_to_recordset(j->'events') AS e(seq int, type text, at bigint, payload jsonb, prev_hash text, hash text);
  END IF;

  IF jsonb_array_length(coalesce(j->'closures', '[]')) > 0 THEN
    UPDATE tasks SET status = c.status, completed_by = c.completed_by, outcome = c.outcome, opinion = c.opinion,
      closed_at = v_now
    FROM jsonb_to_recordset(j->'closures') AS c(task_id text, status text, completed_by text, outcome text, opinion text)
    WHERE tasks.case_id = v_case AND tasks.task_id = c.task_id AND tasks.status = 'open';
  END IF;

  IF coalesce((j->>'sweep')::boolean, false) THEN
    -- Safety net: a task the engine no longer lists as open, and no event closed, was cancelled.
    UPDATE tasks SET status = 'cancelled', closed_at = v_now
    WHERE case_id = v_case AND status = 'open'
      AND NOT (task_id IN (SELECT jsonb_array_elements_text(j->'keep')));
  END IF;

  -- Only new or changed open tasks travel here (all of them when the writer did not know the old ones).
  IF jsonb_array_length(coalesce(j->'open', '[]')) > 0 THEN
    INSERT INTO tasks (case_id, task_id, element_id, name, kind, department, role, handler, status, due_at, opened_at,
      light, urgency)
    SELECT v_case, t.id, t."elementId", t.name, t.kind, t.department, t.role, t.handler, 'open', t."dueAt", t."openedAt",
      v_lights ->> t.id, tongban_urgency(coalesce(v_lights ->> t.id, v_snap->>'light'))
    FROM jsonb_to_recordset(j->'open') AS t(id text, "elementId" text, name text, kind text, department text,
      role text, handler text, "dueAt" bigint, "openedAt" bigint)
    ON CONFLICT (case_id, task_id) DO UPDATE SET department = excluded.department, role = excluded.role,
      due_at = excluded.due_at, status = 'open', closed_at = NULL, light = excluded.light, urgency = excluded.urgency;
  END IF;

  -- The other open tasks' lights, as the snapshot now says: timers turn lights without touching a task,
  -- and a case light shows on its tasks without a clock. Only rows whose light changed are rewritten.
  UPDATE tasks SET light = v_lights ->> task_id, urgency = tongban_urgency(coalesce(v_lights ->> task_id, v_snap->>'light'))
  WHERE case_id = v_case AND status = 'open'
    AND (light IS DISTINCT FROM v_lights ->> task_id
      OR urgency <> tongban_urgency(coalesce(v_lights ->> task_id, v_snap->>'light')));

  IF jsonb_array_length(coalesce(j->'timersCancel', '[]')) > 0 THEN
    DELETE FROM timers
    WHERE case_id = v_case AND fired_at IS NULL
      AND timer_id IN (SELECT jsonb_array_elements_text(j->'timersCancel'));
  END IF;

  IF j->>'fired' IS NOT NULL THEN
    UPDATE timers SET fired_at = v_now, claimed_by = NULL, lease_until = NULL
    WHERE case_id = v_case AND timer_id = j->>'fired' AND fired_at IS NULL;
  END IF;

  IF jsonb_array_length(coalesce(j->'timersSet', '[]')) > 0 THEN
    INSERT INTO timers (case_id, timer_id, due_at, purpose, element_id)
    SELECT v_case, t.id, t."dueAt", t.purpose, t."elementId"
    FROM jsonb_to_recordset(j->'timersSet') AS t(id text, "dueAt" bigint, purpose text, "elementId" text)
    ON CONFLICT (case_id, timer_id) DO UPDATE SET due_at = excluded.due_at, purpose = excluded.purpose,
      element_id = excluded.element_id, claimed_by = NULL, lease_until = NULL, fired_at = NULL;
  END IF;

  IF jsonb_array_length(coalesce(j->'outbox', '[]')) > 0 THEN
    INSERT INTO outbox (case_id, event_seq, hook, next_attempt_at)
    SELECT v_case, o.seq, o.hook, v_now
    FROM jsonb_to_recordset(j->'outbox') AS o(seq int, hook text);
  END IF;

  IF j->>'key' IS NOT NULL THEN
    -- A plain insert: a concurrent duplicate raises unique_violation and undoes everything above.
    INSERT INTO commands (key, case_id, result, fingerprint)
    VALUES (j->>'key', v_case, j->'result', j->>'fingerprint');
  END IF;

  RETURN 1;
END;
$$;
