-- The board reads a page in index order (issue 18): per urgency, live cases by light and then the
-- nearest deadline among the case and its open tasks (least(due_at, task_due), migration 0008);
-- overdue cases, red whatever their stored light, from cases_board_due_idx. Both hold every column
-- the ranking and the filters read (index-only scans). The counts read the small
-- cases_board_count_idx (live cases by stored light) and the overdue range of cases_board_due_idx.
-- Replaces 0008's cases_board_idx, which could only be scanned whole.
DROP INDEX "cases_board_idx";--> statement-breakpoint
CREATE INDEX "cases_board_light_idx" ON "cases" USING btree ("light",least("due_at", "task_due"),"id","due_at","task_due","status","matter_code","region_province","region_city","region_county") WHERE "cases"."status" in ('pending', 'running', 'suspended', 'returned');--> statement-breakpoint
CREATE INDEX "cases_board_count_idx" ON "cases" USING btree ("light","status","matter_code","region_province","region_city","region_county") WHERE "cases"."status" in ('pending', 'running', 'suspended', 'returned');--> statement-breakpoint
CREATE INDEX "cases_board_due_idx" ON "cases" USING btree (least("due_at", "task_due"),"id","light","due_at","task_due","status","matter_code","region_province","region_city","region_county") WHERE "cases"."status" in ('pending', 'running', 'suspended', 'returned');