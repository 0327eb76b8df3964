-- Indexes for worklists (待办) and case search (办件查询) at scale; nothing here changes how a
-- command is written. A person's worklist (签收, 委派, assigned handlers) is read from the case
-- snapshot, which is the only place that says who holds a task: tongban_task_holders lists the
-- people holding an open task of a case, and a GIN index over it finds their cases. It never
-- raises on a snapshot of an unexpected shape (an index expression that raised would refuse the
-- write): anything but an object of tasks, or a handlers list that is not an array, holds nobody.
CREATE OR REPLACE FUNCTION tongban_task_holders(snapshot jsonb) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT holder ORDER BY holder), '{}'::text[])
  FROM (
    SELECT CASE WHEN jsonb_typeof(snapshot #> '{machine,context,tasks}') = 'object'
      THEN snapshot #> '{machine,context,tasks}' ELSE '{}'::jsonb END AS tasks
  ) AS s
  CROSS JOIN LATERAL jsonb_each(s.tasks) AS task(id, value)
  CROSS JOIN LATERAL (
    SELECT task.value ->> 'claimedBy' AS holder WHERE jsonb_typeof(task.value) = 'object'
    UNION ALL
    SELECT task.value ->> 'delegatedTo' WHERE jsonb_typeof(task.value) = 'object'
    UNION ALL
    SELECT handler ->> 'id'
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(task.value -> 'handlers') = 'array'
      THEN task.value -> 'handlers' ELSE '[]'::jsonb END) AS handler
    WHERE jsonb_typeof(handler) = 'object'
  ) AS held
  WHERE holder IS NOT NULL
$$;
--> statement-breakpoint
CREATE INDEX "cases_started_idx" ON "cases" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "cases_status_started_idx" ON "cases" USING btree ("status","started_at");--> statement-breakpoint
CREATE INDEX "cases_task_holders_idx" ON "cases" USING gin (tongban_task_holders("snapshot"));