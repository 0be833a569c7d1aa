CREATE TABLE "network_launch_marks" (
	"network_id" uuid NOT NULL,
	"step" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"marked_by" uuid,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"role" text NOT NULL,
	"state" text NOT NULL,
	"joined_on" date,
	"left_on" date,
	"proposed_by" uuid,
	"decided_by" uuid,
	"message" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "networks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"strategic_goal" text DEFAULT '' NOT NULL,
	"tactical_goals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"directions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"municipality_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"managing_organization_id" uuid NOT NULL,
	"parent_network_id" uuid,
	"visibility" text DEFAULT 'public' NOT NULL,
	"quorum_percent" integer DEFAULT 50 NOT NULL,
	"majority" text DEFAULT 'simple' NOT NULL,
	"launched_at" timestamp with time zone,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "council_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"user_id" uuid,
	"full_name" text NOT NULL,
	"position" text DEFAULT '' NOT NULL,
	"role" text DEFAULT 'member' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "council_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"title" text NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"result" jsonb,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "council_meeting_attendance" (
	"meeting_id" uuid NOT NULL,
	"council_member_id" uuid NOT NULL,
	"invited_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attended" boolean,
	CONSTRAINT "council_meeting_attendance_meeting_id_council_member_id_pk" PRIMARY KEY("meeting_id","council_member_id")
);
--> statement-breakpoint
CREATE TABLE "council_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"agenda" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"state" text DEFAULT 'planned' NOT NULL,
	"minutes" text DEFAULT '' NOT NULL,
	"minutes_version" integer DEFAULT 0 NOT NULL,
	"minutes_approved_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "council_votes" (
	"decision_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"council_member_id" uuid NOT NULL,
	"choice" text NOT NULL,
	"cast_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_document_signatures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"signer_id" uuid NOT NULL,
	"signer_name" text NOT NULL,
	"version_sha256" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"previous_hash" text NOT NULL,
	"hash" text NOT NULL,
	"voided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "network_document_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"body" text NOT NULL,
	"sha256" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"parent_document_id" uuid,
	"acceding_organization_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_plan_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"parent_id" uuid,
	"position" integer DEFAULT 0 NOT NULL,
	"activity" text NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"responsible_organization_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"responsible_people" text DEFAULT '' NOT NULL,
	"expected_result" text DEFAULT '' NOT NULL,
	"state" text DEFAULT 'planned' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"evidence_kind" text,
	"evidence_ref" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"kind" text DEFAULT 'network_plan' NOT NULL,
	"title" text NOT NULL,
	"period_start" date,
	"period_end" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "network_launch_marks" ADD CONSTRAINT "network_launch_marks_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_launch_marks" ADD CONSTRAINT "network_launch_marks_marked_by_users_id_fk" FOREIGN KEY ("marked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_members" ADD CONSTRAINT "network_members_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_members" ADD CONSTRAINT "network_members_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_members" ADD CONSTRAINT "network_members_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_members" ADD CONSTRAINT "network_members_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "networks" ADD CONSTRAINT "networks_managing_organization_id_organizations_id_fk" FOREIGN KEY ("managing_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "networks" ADD CONSTRAINT "networks_parent_network_id_networks_id_fk" FOREIGN KEY ("parent_network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "networks" ADD CONSTRAINT "networks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_members" ADD CONSTRAINT "council_members_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_members" ADD CONSTRAINT "council_members_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_members" ADD CONSTRAINT "council_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_decisions" ADD CONSTRAINT "council_decisions_meeting_id_council_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."council_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_meeting_attendance" ADD CONSTRAINT "council_meeting_attendance_meeting_id_council_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."council_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_meeting_attendance" ADD CONSTRAINT "council_meeting_attendance_council_member_id_council_members_id_fk" FOREIGN KEY ("council_member_id") REFERENCES "public"."council_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_meetings" ADD CONSTRAINT "council_meetings_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_meetings" ADD CONSTRAINT "council_meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_votes" ADD CONSTRAINT "council_votes_decision_id_council_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."council_decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_votes" ADD CONSTRAINT "council_votes_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_votes" ADD CONSTRAINT "council_votes_council_member_id_council_members_id_fk" FOREIGN KEY ("council_member_id") REFERENCES "public"."council_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_document_signatures" ADD CONSTRAINT "network_document_signatures_document_id_network_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."network_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_document_signatures" ADD CONSTRAINT "network_document_signatures_version_id_network_document_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."network_document_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_document_signatures" ADD CONSTRAINT "network_document_signatures_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_document_signatures" ADD CONSTRAINT "network_document_signatures_signer_id_users_id_fk" FOREIGN KEY ("signer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_document_versions" ADD CONSTRAINT "network_document_versions_document_id_network_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."network_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_document_versions" ADD CONSTRAINT "network_document_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_documents" ADD CONSTRAINT "network_documents_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_documents" ADD CONSTRAINT "network_documents_parent_document_id_network_documents_id_fk" FOREIGN KEY ("parent_document_id") REFERENCES "public"."network_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_documents" ADD CONSTRAINT "network_documents_acceding_organization_id_organizations_id_fk" FOREIGN KEY ("acceding_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_documents" ADD CONSTRAINT "network_documents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_plan_items" ADD CONSTRAINT "network_plan_items_plan_id_network_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."network_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_plan_items" ADD CONSTRAINT "network_plan_items_parent_id_network_plan_items_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."network_plan_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_plans" ADD CONSTRAINT "network_plans_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_plans" ADD CONSTRAINT "network_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "network_launch_marks_key" ON "network_launch_marks" USING btree ("network_id","step");--> statement-breakpoint
CREATE UNIQUE INDEX "network_members_live_key" ON "network_members" USING btree ("network_id","organization_id") WHERE state in ('invited', 'requested', 'active');--> statement-breakpoint
CREATE INDEX "network_members_organization_idx" ON "network_members" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "networks_parent_idx" ON "networks" USING btree ("parent_network_id");--> statement-breakpoint
CREATE INDEX "networks_managing_idx" ON "networks" USING btree ("managing_organization_id");--> statement-breakpoint
CREATE INDEX "council_members_network_idx" ON "council_members" USING btree ("network_id");--> statement-breakpoint
CREATE INDEX "council_meetings_network_idx" ON "council_meetings" USING btree ("network_id");--> statement-breakpoint
CREATE UNIQUE INDEX "council_votes_one_per_organization" ON "council_votes" USING btree ("decision_id","organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "network_document_signatures_once" ON "network_document_signatures" USING btree ("version_id","organization_id");--> statement-breakpoint
CREATE INDEX "network_document_signatures_document_idx" ON "network_document_signatures" USING btree ("document_id");--> statement-breakpoint
CREATE UNIQUE INDEX "network_document_versions_key" ON "network_document_versions" USING btree ("document_id","version");--> statement-breakpoint
CREATE INDEX "network_documents_network_idx" ON "network_documents" USING btree ("network_id");--> statement-breakpoint
CREATE INDEX "network_plan_items_plan_idx" ON "network_plan_items" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "network_plan_items_parent_idx" ON "network_plan_items" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "network_plans_network_idx" ON "network_plans" USING btree ("network_id");