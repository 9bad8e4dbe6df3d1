CREATE TABLE "handovers" (
	"id" text PRIMARY KEY NOT NULL,
	"request_id" text NOT NULL,
	"job_id" text NOT NULL,
	"from_crew_id" text NOT NULL,
	"submitted_by" text NOT NULL,
	"command_id" text NOT NULL,
	"name" text NOT NULL,
	"payload" jsonb NOT NULL,
	"device_time" timestamp with time zone,
	"received_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"to_crew_id" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	CONSTRAINT "handovers_status_check" CHECK ("handovers"."status" IN ('held', 'accepted', 'passed'))
);
--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_from_crew_id_fkey" FOREIGN KEY ("from_crew_id") REFERENCES "public"."crews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_submitted_by_fkey" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_to_crew_id_fkey" FOREIGN KEY ("to_crew_id") REFERENCES "public"."crews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_decided_by_fkey" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "handovers_command_id_key" ON "handovers" USING btree ("command_id");--> statement-breakpoint
CREATE INDEX "handovers_request_idx" ON "handovers" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "handovers_job_idx" ON "handovers" USING btree ("job_id","status");