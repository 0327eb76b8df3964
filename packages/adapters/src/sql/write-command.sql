-- Canonical source of tongban_write_command: the write of one accepted command, as a function so
-- that its statements are parsed and planned once per connection instead of once per command.
-- Called as `select tongban_write_command($1)` with one JSON document (src/runtime/write-command.ts).
-- Everything runs in the caller's statement, so it is atomic: a version conflict returns 0 and
-- writes nothing; a duplicate idempotency key raises unique_violation and writes nothing.
--
-- To change it: edit this file, then add a migration (`drizzle/NNNN_*.sql`) that redefines it with
-- exactly this statement. src/sql/write-function-drift.test.ts fails while the newest migration that
-- defines the function differs from this file (whitespace aside).
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
