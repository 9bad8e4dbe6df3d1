ALTER TYPE "public"."request_state" ADD VALUE 'under_review';--> statement-breakpoint
ALTER TYPE "public"."request_state" ADD VALUE 'decided';--> statement-breakpoint
ALTER TYPE "public"."request_state" ADD VALUE 'investigating';--> statement-breakpoint
ALTER TYPE "public"."request_state" ADD VALUE 'answered';--> statement-breakpoint
ALTER TYPE "public"."request_state" ADD VALUE 'crew_dispatched';--> statement-breakpoint
ALTER TYPE "public"."request_state" ADD VALUE 'fixed';--> statement-breakpoint
ALTER TABLE "jobs" DROP CONSTRAINT "jobs_kind_check";--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_kind_check" CHECK ("jobs"."kind" IN ('survey', 'installation', 'meter_check', 'repair'));