CREATE TABLE "certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"serial_no" bigserial NOT NULL,
	"number" text GENERATED ALWAYS AS (lpad(serial_no::text, 7, '0')) STORED NOT NULL,
	"verification_code" text NOT NULL,
	"source_kind" text NOT NULL,
	"source_id" uuid NOT NULL,
	"source_item_id" uuid,
	"user_id" uuid,
	"child_id" uuid,
	"recipient_name" text NOT NULL,
	"role" text NOT NULL,
	"title" text NOT NULL,
	"held_from" date NOT NULL,
	"held_to" date NOT NULL,
	"issuer_organization_id" uuid NOT NULL,
	"issuer_name" text NOT NULL,
	"issued_by" uuid,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"revoke_reason" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "certificates_held_ordered" CHECK ("certificates"."held_from" <= "certificates"."held_to"),
	CONSTRAINT "certificates_revoked_with_reason" CHECK ("certificates"."revoked_at" is null or length("certificates"."revoke_reason") > 0)
);
--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_issuer_organization_id_organizations_id_fk" FOREIGN KEY ("issuer_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_number_key" ON "certificates" USING btree ("serial_no");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_verification_code_key" ON "certificates" USING btree ("verification_code");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_live_key" ON "certificates" USING btree ("source_kind","source_id","role",coalesce("user_id", "child_id", "source_item_id")) WHERE revoked_at is null;--> statement-breakpoint
CREATE INDEX "certificates_source_idx" ON "certificates" USING btree ("source_kind","source_id");--> statement-breakpoint
CREATE INDEX "certificates_user_idx" ON "certificates" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "certificates_child_idx" ON "certificates" USING btree ("child_id");