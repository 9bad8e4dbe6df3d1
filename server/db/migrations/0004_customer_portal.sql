CREATE TABLE "customer_login_codes" (
	"id" text PRIMARY KEY NOT NULL,
	"identity" text NOT NULL,
	"code_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "customer_login_codes_status_check" CHECK ("customer_login_codes"."status" IN ('active', 'used', 'locked', 'superseded'))
);
--> statement-breakpoint
CREATE TABLE "customer_sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"identity" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_uploads" (
	"identity" text NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "customer_uploads_pkey" PRIMARY KEY("identity","sha256")
);
--> statement-breakpoint
ALTER TABLE "customer_uploads" ADD CONSTRAINT "customer_uploads_sha256_fkey" FOREIGN KEY ("sha256") REFERENCES "public"."blobs"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_login_codes_identity_idx" ON "customer_login_codes" USING btree ("identity","created_at");--> statement-breakpoint
CREATE INDEX "customer_sessions_identity_idx" ON "customer_sessions" USING btree ("identity");