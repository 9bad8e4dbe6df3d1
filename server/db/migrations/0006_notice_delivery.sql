CREATE TABLE "notice_preferences" (
	"customer_id" text PRIMARY KEY NOT NULL,
	"channel" text DEFAULT 'sms' NOT NULL,
	"reminders" boolean DEFAULT true NOT NULL,
	"language" text DEFAULT 'vi' NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notice_preferences_channel_check" CHECK ("notice_preferences"."channel" IN ('zalo', 'sms')),
	CONSTRAINT "notice_preferences_language_check" CHECK ("notice_preferences"."language" IN ('vi', 'en'))
);
--> statement-breakpoint
CREATE TABLE "notice_provider_tokens" (
	"provider" text PRIMARY KEY NOT NULL,
	"access_token" text NOT NULL,
	"refresh_token" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_channel_check";--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_status_check";--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "customer_id" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "category" text DEFAULT 'service' NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "segments" integer;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "template" jsonb;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "attachment" jsonb;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "delivered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "failed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "provider_id" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "provider_answer" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "dedup_key" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "fallback_of" text;--> statement-breakpoint
ALTER TABLE "notice_preferences" ADD CONSTRAINT "notice_preferences_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_provider_idx" ON "notifications" USING btree ("provider_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedup_key_idx" ON "notifications" USING btree ("dedup_key");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_fallback_of_idx" ON "notifications" USING btree ("fallback_of");--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_category_check" CHECK ("notifications"."category" IN ('code', 'legal', 'service', 'reminder'));--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_channel_check" CHECK ("notifications"."channel" IN ('sms', 'zalo', 'email'));--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_status_check" CHECK ("notifications"."status" IN ('queued', 'sent', 'delivered', 'failed'));