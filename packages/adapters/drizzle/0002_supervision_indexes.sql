CREATE INDEX "cases_live_idx" ON "cases" USING btree ("due_at","light","status","id") WHERE "cases"."status" in ('pending', 'running', 'suspended', 'returned');--> statement-breakpoint
CREATE INDEX "events_at_idx" ON "events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "tasks_open_case_idx" ON "tasks" USING btree ("case_id","due_at") WHERE "tasks"."status" = 'open';