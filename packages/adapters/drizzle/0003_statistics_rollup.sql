CREATE TABLE "statistics_days" (
	"dimension" text NOT NULL,
	"day_start" bigint NOT NULL,
	"has_key" boolean NOT NULL,
	"key" text NOT NULL,
	"received" integer NOT NULL,
	"completed" integer NOT NULL,
	"completed_on_time" integer NOT NULL,
	"completed_early" integer NOT NULL,
	"overdue" integer NOT NULL,
	"working_days_over" double precision NOT NULL,
	"timed" integer NOT NULL,
	"working_days_used" double precision NOT NULL,
	"suspensions" integer NOT NULL,
	"extensions" integer NOT NULL,
	"urges" integer NOT NULL,
	"supervisions" integer NOT NULL,
	CONSTRAINT "statistics_days_dimension_day_start_has_key_key_pk" PRIMARY KEY("dimension","day_start","has_key","key")
);
--> statement-breakpoint
CREATE TABLE "statistics_rollup" (
	"name" text PRIMARY KEY NOT NULL,
	"watermark" bigint NOT NULL,
	"rolled_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "id" bigint NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);--> statement-breakpoint
CREATE UNIQUE INDEX "events_id_idx" ON "events" USING btree ("id");