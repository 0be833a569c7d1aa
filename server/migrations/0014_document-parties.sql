CREATE TABLE "base_school_register" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"effective_on" date NOT NULL,
	"document_id" uuid,
	"authority_organization_id" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "network_document_versions" ADD COLUMN "annex" jsonb;--> statement-breakpoint
ALTER TABLE "network_document_versions" ADD COLUMN "act" jsonb;--> statement-breakpoint
ALTER TABLE "network_documents" ADD COLUMN "party_scope" text DEFAULT 'members' NOT NULL;--> statement-breakpoint
ALTER TABLE "network_documents" ADD COLUMN "annex_plan_id" uuid;--> statement-breakpoint
ALTER TABLE "base_school_register" ADD CONSTRAINT "base_school_register_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "base_school_register" ADD CONSTRAINT "base_school_register_authority_organization_id_organizations_id_fk" FOREIGN KEY ("authority_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "base_school_register_organization_key" ON "base_school_register" USING btree ("organization_id");--> statement-breakpoint
ALTER TABLE "network_documents" ADD CONSTRAINT "network_documents_annex_plan_id_network_plans_id_fk" FOREIGN KEY ("annex_plan_id") REFERENCES "public"."network_plans"("id") ON DELETE set null ON UPDATE no action;