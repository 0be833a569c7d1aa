CREATE TABLE "event_material_files" (
	"material_id" uuid PRIMARY KEY NOT NULL,
	"content" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_materials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"url" text,
	"file_name" text,
	"content_type" text,
	"byte_size" integer,
	"sha256" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_materials_url_or_file" CHECK (("event_materials"."url" is null) <> ("event_materials"."file_name" is null))
);
--> statement-breakpoint
CREATE TABLE "feedback_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"respondent_id" uuid NOT NULL,
	"answered_by" uuid,
	"rating" smallint NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_responses_rating" CHECK ("feedback_responses"."rating" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "consultation_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"requester_organization_id" uuid NOT NULL,
	"consultant_organization_id" uuid NOT NULL,
	"network_id" uuid,
	"topic" text NOT NULL,
	"details" text DEFAULT '' NOT NULL,
	"format" text DEFAULT 'in_person' NOT NULL,
	"state" text DEFAULT 'requested' NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"event_id" uuid,
	"requested_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_requests_two_schools" CHECK ("consultation_requests"."requester_organization_id" <> "consultation_requests"."consultant_organization_id")
);
--> statement-breakpoint
CREATE TABLE "consultation_slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	CONSTRAINT "consultation_slots_times_ordered" CHECK ("consultation_slots"."starts_at" < "consultation_slots"."ends_at")
);
--> statement-breakpoint
ALTER TABLE "event_material_files" ADD CONSTRAINT "event_material_files_material_id_event_materials_id_fk" FOREIGN KEY ("material_id") REFERENCES "public"."event_materials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_materials" ADD CONSTRAINT "event_materials_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_materials" ADD CONSTRAINT "event_materials_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_responses" ADD CONSTRAINT "feedback_responses_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_requests" ADD CONSTRAINT "consultation_requests_requester_organization_id_organizations_id_fk" FOREIGN KEY ("requester_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_requests" ADD CONSTRAINT "consultation_requests_consultant_organization_id_organizations_id_fk" FOREIGN KEY ("consultant_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_requests" ADD CONSTRAINT "consultation_requests_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_requests" ADD CONSTRAINT "consultation_requests_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_requests" ADD CONSTRAINT "consultation_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_slots" ADD CONSTRAINT "consultation_slots_request_id_consultation_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."consultation_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_materials_event_idx" ON "event_materials" USING btree ("event_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_responses_one_per_respondent" ON "feedback_responses" USING btree ("subject_kind","subject_id","respondent_id");--> statement-breakpoint
CREATE INDEX "feedback_responses_answered_by_idx" ON "feedback_responses" USING btree ("answered_by");--> statement-breakpoint
CREATE INDEX "consultation_requests_requester_idx" ON "consultation_requests" USING btree ("requester_organization_id","created_at");--> statement-breakpoint
CREATE INDEX "consultation_requests_consultant_idx" ON "consultation_requests" USING btree ("consultant_organization_id","created_at");--> statement-breakpoint
CREATE INDEX "consultation_requests_network_idx" ON "consultation_requests" USING btree ("network_id");--> statement-breakpoint
CREATE INDEX "consultation_slots_request_idx" ON "consultation_slots" USING btree ("request_id","starts_at");