ALTER TABLE "events" DROP CONSTRAINT "events_case_id_cases_id_fk";
--> statement-breakpoint
ALTER TABLE "tasks" DROP CONSTRAINT "tasks_case_id_cases_id_fk";
--> statement-breakpoint
ALTER TABLE "timers" DROP CONSTRAINT "timers_case_id_cases_id_fk";
--> statement-breakpoint
DROP INDEX "cases_status_idx";--> statement-breakpoint
DROP INDEX "cases_due_idx";