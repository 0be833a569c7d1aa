CREATE TABLE "programme_slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"weekday" smallint NOT NULL,
	"start_minute" smallint NOT NULL,
	"end_minute" smallint NOT NULL,
	CONSTRAINT "programme_slots_valid" CHECK ("programme_slots"."weekday" between 1 and 7 and "programme_slots"."start_minute" >= 0 and "programme_slots"."start_minute" < "programme_slots"."end_minute" and "programme_slots"."end_minute" <= 1440)
);
--> statement-breakpoint
CREATE TABLE "programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"direction" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"requirements" text DEFAULT '' NOT NULL,
	"grade_from" smallint,
	"grade_to" smallint,
	"age_from" smallint,
	"age_to" smallint,
	"format" text DEFAULT 'on_site' NOT NULL,
	"venue_organization_id" uuid,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"capacity" integer NOT NULL,
	"seats_taken" integer DEFAULT 0 NOT NULL,
	"teacher_name" text DEFAULT '' NOT NULL,
	"enrolment_mode" text DEFAULT 'open' NOT NULL,
	"network_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('russian', coalesce(title, '') || ' ' || coalesce(description, '') || ' ' || coalesce(requirements, '') || ' ' || coalesce(teacher_name, ''))) STORED NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programmes_seats_within_capacity" CHECK ("programmes"."seats_taken" >= 0 and "programmes"."seats_taken" <= "programmes"."capacity"),
	CONSTRAINT "programmes_dates_ordered" CHECK ("programmes"."starts_on" <= "programmes"."ends_on")
);
--> statement-breakpoint
CREATE TABLE "child_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"guardian_user_id" uuid NOT NULL,
	"text_version" text NOT NULL,
	"text_hash" text NOT NULL,
	"given_at" timestamp with time zone DEFAULT now() NOT NULL,
	"given_from_ip" text,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "children" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"guardian_user_id" uuid NOT NULL,
	"full_name" text NOT NULL,
	"birth_date" date,
	"grade" smallint,
	"home_school_id" uuid,
	"home_school_confirmed_at" timestamp with time zone,
	"home_school_confirmed_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "children_birth_date_or_grade" CHECK ("children"."birth_date" is not null or "children"."grade" is not null),
	CONSTRAINT "children_grade_range" CHECK ("children"."grade" is null or "children"."grade" between 0 and 11)
);
--> statement-breakpoint
CREATE TABLE "attendance_marks" (
	"enrolment_id" uuid NOT NULL,
	"class_date" date NOT NULL,
	"present" boolean NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"queue_no" bigserial NOT NULL,
	"child_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"state" text NOT NULL,
	"source" text DEFAULT 'open' NOT NULL,
	"campaign_id" uuid,
	"requested_by" uuid,
	"idempotency_key" text,
	"enrolled_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"result" text,
	"result_note" text DEFAULT '' NOT NULL,
	"result_recorded_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_choices" (
	"campaign_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"rank" smallint NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_choices_campaign_id_child_id_rank_pk" PRIMARY KEY("campaign_id","child_id","rank")
);
--> statement-breakpoint
CREATE TABLE "campaign_programmes" (
	"campaign_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"seats" integer NOT NULL,
	CONSTRAINT "campaign_programmes_campaign_id_programme_id_pk" PRIMARY KEY("campaign_id","programme_id")
);
--> statement-breakpoint
CREATE TABLE "campaign_results" (
	"campaign_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"programme_id" uuid,
	"choice_rank" smallint,
	"lottery" double precision NOT NULL,
	"explanation" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "campaign_results_campaign_id_child_id_pk" PRIMARY KEY("campaign_id","child_id")
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organizer_organization_id" uuid NOT NULL,
	"network_id" uuid,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"max_choices" smallint DEFAULT 3 NOT NULL,
	"priority_rule" text DEFAULT 'none' NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"lottery_seed_hash" text NOT NULL,
	"lottery_seed" text,
	"stats" jsonb,
	"allocated_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"link" text,
	"data" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "programme_slots" ADD CONSTRAINT "programme_slots_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_venue_organization_id_organizations_id_fk" FOREIGN KEY ("venue_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_consents" ADD CONSTRAINT "child_consents_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_consents" ADD CONSTRAINT "child_consents_guardian_user_id_users_id_fk" FOREIGN KEY ("guardian_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "children" ADD CONSTRAINT "children_guardian_user_id_users_id_fk" FOREIGN KEY ("guardian_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "children" ADD CONSTRAINT "children_home_school_id_organizations_id_fk" FOREIGN KEY ("home_school_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "children" ADD CONSTRAINT "children_home_school_confirmed_by_users_id_fk" FOREIGN KEY ("home_school_confirmed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_marks" ADD CONSTRAINT "attendance_marks_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_marks" ADD CONSTRAINT "attendance_marks_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_choices" ADD CONSTRAINT "campaign_choices_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_choices" ADD CONSTRAINT "campaign_choices_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_choices" ADD CONSTRAINT "campaign_choices_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_choices" ADD CONSTRAINT "campaign_choices_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_programmes" ADD CONSTRAINT "campaign_programmes_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_programmes" ADD CONSTRAINT "campaign_programmes_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_results" ADD CONSTRAINT "campaign_results_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_results" ADD CONSTRAINT "campaign_results_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_results" ADD CONSTRAINT "campaign_results_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_organizer_organization_id_organizations_id_fk" FOREIGN KEY ("organizer_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "programme_slots_programme_idx" ON "programme_slots" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "programmes_organization_idx" ON "programmes" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "programmes_search_idx" ON "programmes" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "programmes_networks_idx" ON "programmes" USING gin ("network_ids");--> statement-breakpoint
CREATE INDEX "child_consents_child_idx" ON "child_consents" USING btree ("child_id");--> statement-breakpoint
CREATE INDEX "children_guardian_idx" ON "children" USING btree ("guardian_user_id");--> statement-breakpoint
CREATE INDEX "children_home_school_idx" ON "children" USING btree ("home_school_id");--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_marks_key" ON "attendance_marks" USING btree ("enrolment_id","class_date");--> statement-breakpoint
CREATE UNIQUE INDEX "enrolments_live_key" ON "enrolments" USING btree ("child_id","programme_id") WHERE state in ('waitlisted', 'enrolled');--> statement-breakpoint
CREATE UNIQUE INDEX "enrolments_idempotency_key" ON "enrolments" USING btree ("requested_by","idempotency_key");--> statement-breakpoint
CREATE INDEX "enrolments_programme_idx" ON "enrolments" USING btree ("programme_id","state","queue_no");--> statement-breakpoint
CREATE INDEX "enrolments_child_idx" ON "enrolments" USING btree ("child_id");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_choices_programme_key" ON "campaign_choices" USING btree ("campaign_id","child_id","programme_id");--> statement-breakpoint
CREATE INDEX "campaigns_organizer_idx" ON "campaigns" USING btree ("organizer_organization_id");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");