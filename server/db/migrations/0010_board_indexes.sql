DROP INDEX "requests_unit_deadline_idx";--> statement-breakpoint
DROP INDEX "requests_unit_service_idx";--> statement-breakpoint
CREATE INDEX "jobs_crew_assigned_idx" ON "jobs" USING btree ("crew_id","request_id") WHERE "jobs"."status" = 'assigned';--> statement-breakpoint
CREATE INDEX "requests_board_idx" ON "requests" USING btree ("unit_id","deadline","id","state","service_number");--> statement-breakpoint
CREATE INDEX "requests_board_open_idx" ON "requests" USING btree ("unit_id","deadline","id","state","service_number") WHERE "requests"."state" NOT IN ('completed', 'cancelled');--> statement-breakpoint
CREATE INDEX "requests_unit_service_deadline_idx" ON "requests" USING btree ("unit_id","service_number","deadline","id");--> statement-breakpoint
CREATE INDEX "requests_code_prefix_idx" ON "requests" USING btree ("code" text_pattern_ops);