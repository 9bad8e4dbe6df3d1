CREATE TABLE "correction_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"request_id" text NOT NULL,
	"contract_id" text NOT NULL,
	"comment" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"answer" text,
	"answered_by" text,
	"answered_at" timestamp with time zone,
	"new_contract_id" text,
	CONSTRAINT "correction_requests_status_check" CHECK ("correction_requests"."status" IN ('open', 'revised', 'answered'))
);
--> statement-breakpoint
CREATE TABLE "refunds" (
	"id" text PRIMARY KEY NOT NULL,
	"request_id" text NOT NULL,
	"contract_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'owed' NOT NULL,
	"paid_at" timestamp with time zone,
	CONSTRAINT "refunds_amount_check" CHECK ("refunds"."amount" > 0),
	CONSTRAINT "refunds_status_check" CHECK ("refunds"."status" IN ('owed', 'paid'))
);
--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "from_state" SET DATA TYPE "public"."request_state" USING "from_state"::"public"."request_state";--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "to_state" SET DATA TYPE "public"."request_state" USING "to_state"::"public"."request_state";--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "terms" jsonb;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "kind" text DEFAULT 'contract' NOT NULL;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "basis" text DEFAULT 'estimate' NOT NULL;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "signed_pdf_sha256" text;--> statement-breakpoint
ALTER TABLE "correction_requests" ADD CONSTRAINT "correction_requests_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correction_requests" ADD CONSTRAINT "correction_requests_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correction_requests" ADD CONSTRAINT "correction_requests_answered_by_fkey" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correction_requests" ADD CONSTRAINT "correction_requests_new_contract_id_fkey" FOREIGN KEY ("new_contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "correction_requests_request_idx" ON "correction_requests" USING btree ("request_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "correction_requests_one_open_idx" ON "correction_requests" USING btree ("request_id") WHERE "correction_requests"."status" = 'open';--> statement-breakpoint
CREATE INDEX "refunds_request_idx" ON "refunds" USING btree ("request_id");--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_kind_check" CHECK ("contracts"."kind" IN ('contract', 'addendum'));--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_basis_check" CHECK ("contracts"."basis" IN ('estimate', 'correction', 'installation'));