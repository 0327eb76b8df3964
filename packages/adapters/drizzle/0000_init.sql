CREATE TABLE "cases" (
	"id" text PRIMARY KEY NOT NULL,
	"definition_hash" text NOT NULL,
	"process_id" text NOT NULL,
	"status" text NOT NULL,
	"light" text,
	"due_at" bigint,
	"snapshot" jsonb NOT NULL,
	"version" integer NOT NULL,
	"last_seq" integer NOT NULL,
	"last_hash" text NOT NULL,
	"matter_code" text,
	"region_province" text,
	"region_city" text,
	"region_county" text,
	"started_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commands" (
	"key" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"result" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "definitions" (
	"hash" text PRIMARY KEY NOT NULL,
	"process_id" text NOT NULL,
	"document" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"case_id" text NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"at" bigint NOT NULL,
	"payload" jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "events_case_id_seq_pk" PRIMARY KEY("case_id","seq")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"event_seq" integer NOT NULL,
	"hook" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" bigint NOT NULL,
	"claimed_by" text,
	"lease_until" bigint,
	"parked" boolean DEFAULT false NOT NULL,
	"delivered_at" bigint,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"case_id" text NOT NULL,
	"task_id" text NOT NULL,
	"element_id" text NOT NULL,
	"name" text,
	"kind" text NOT NULL,
	"department" text,
	"role" text,
	"handler" text,
	"status" text NOT NULL,
	"due_at" bigint,
	"completed_by" text,
	"outcome" text,
	"opinion" text,
	"opened_at" bigint NOT NULL,
	"closed_at" bigint,
	"claimed_by" text,
	"lease_until" bigint,
	CONSTRAINT "tasks_case_id_task_id_pk" PRIMARY KEY("case_id","task_id")
);
--> statement-breakpoint
CREATE TABLE "timers" (
	"case_id" text NOT NULL,
	"timer_id" text NOT NULL,
	"due_at" bigint NOT NULL,
	"purpose" text NOT NULL,
	"element_id" text,
	"claimed_by" text,
	"lease_until" bigint,
	"fired_at" bigint,
	CONSTRAINT "timers_case_id_timer_id_pk" PRIMARY KEY("case_id","timer_id")
);
--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_definition_hash_definitions_hash_fk" FOREIGN KEY ("definition_hash") REFERENCES "public"."definitions"("hash") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timers" ADD CONSTRAINT "timers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_status_idx" ON "cases" USING btree ("status");--> statement-breakpoint
CREATE INDEX "cases_due_idx" ON "cases" USING btree ("due_at");--> statement-breakpoint
CREATE INDEX "cases_matter_idx" ON "cases" USING btree ("matter_code");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_event_hook_idx" ON "outbox" USING btree ("case_id","event_seq","hook");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" USING btree ("case_id","hook","id") WHERE "outbox"."delivered_at" is null;--> statement-breakpoint
CREATE INDEX "outbox_next_idx" ON "outbox" USING btree ("next_attempt_at") WHERE "outbox"."delivered_at" is null and not "outbox"."parked";--> statement-breakpoint
CREATE INDEX "tasks_service_open_idx" ON "tasks" USING btree ("opened_at") WHERE "tasks"."kind" = 'service' and "tasks"."status" = 'open';--> statement-breakpoint
CREATE INDEX "tasks_open_department_idx" ON "tasks" USING btree ("department","due_at") WHERE "tasks"."status" = 'open';--> statement-breakpoint
CREATE INDEX "timers_due_idx" ON "timers" USING btree ("due_at") WHERE "timers"."fired_at" is null;