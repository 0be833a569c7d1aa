CREATE TABLE "expert_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"directions" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "practice_rubrics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"network_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_answers" (
	"composite_id" uuid PRIMARY KEY NOT NULL,
	"text" text NOT NULL,
	"answered_by" uuid,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"expert_id" uuid NOT NULL,
	"role" text NOT NULL,
	"state" text DEFAULT 'assigned' NOT NULL,
	"assigned_by" uuid,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	CONSTRAINT "review_assignments_submitted_at" CHECK (("review_assignments"."state" = 'submitted') = ("review_assignments"."submitted_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "review_composites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"score" numeric(5, 2) NOT NULL,
	"criteria" jsonb NOT NULL,
	"expert_count" integer NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_composites_score" CHECK ("review_composites"."score" >= 0 and "review_composites"."score" <= 100),
	CONSTRAINT "review_composites_experts" CHECK ("review_composites"."expert_count" >= 2)
);
--> statement-breakpoint
CREATE TABLE "review_round_practices" (
	"round_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"added_by" uuid,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_round_practices_round_id_practice_id_pk" PRIMARY KEY("round_id","practice_id")
);
--> statement-breakpoint
CREATE TABLE "review_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"rubric_id" uuid NOT NULL,
	"network_id" uuid,
	"deadline" date NOT NULL,
	"disagreement_threshold" numeric(5, 2) DEFAULT 25 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_rounds_threshold" CHECK ("review_rounds"."disagreement_threshold" > 0 and "review_rounds"."disagreement_threshold" <= 100)
);
--> statement-breakpoint
CREATE TABLE "review_scores" (
	"assignment_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"score" integer,
	"comment" text DEFAULT '' NOT NULL,
	CONSTRAINT "review_scores_assignment_id_criterion_id_pk" PRIMARY KEY("assignment_id","criterion_id")
);
--> statement-breakpoint
CREATE TABLE "practice_rubric_criteria" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rubric_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"scale_min" integer NOT NULL,
	"scale_max" integer NOT NULL,
	"descriptors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"allows_not_applicable" boolean DEFAULT false NOT NULL,
	"weight" numeric(6, 2) NOT NULL,
	CONSTRAINT "practice_rubric_criteria_scale" CHECK ("practice_rubric_criteria"."scale_max" > "practice_rubric_criteria"."scale_min"),
	CONSTRAINT "practice_rubric_criteria_weight" CHECK ("practice_rubric_criteria"."weight" > 0)
);
--> statement-breakpoint
ALTER TABLE "expert_profiles" ADD CONSTRAINT "expert_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_rubrics" ADD CONSTRAINT "practice_rubrics_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_rubrics" ADD CONSTRAINT "practice_rubrics_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_answers" ADD CONSTRAINT "review_answers_composite_id_review_composites_id_fk" FOREIGN KEY ("composite_id") REFERENCES "public"."review_composites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_answers" ADD CONSTRAINT "review_answers_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_assignments" ADD CONSTRAINT "review_assignments_version_id_practice_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."practice_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_assignments" ADD CONSTRAINT "review_assignments_expert_id_users_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_assignments" ADD CONSTRAINT "review_assignments_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_assignments" ADD CONSTRAINT "review_assignments_round_id_practice_id_review_round_practices_round_id_practice_id_fk" FOREIGN KEY ("round_id","practice_id") REFERENCES "public"."review_round_practices"("round_id","practice_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_composites" ADD CONSTRAINT "review_composites_version_id_practice_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."practice_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_composites" ADD CONSTRAINT "review_composites_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_composites" ADD CONSTRAINT "review_composites_round_id_practice_id_review_round_practices_round_id_practice_id_fk" FOREIGN KEY ("round_id","practice_id") REFERENCES "public"."review_round_practices"("round_id","practice_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_round_practices" ADD CONSTRAINT "review_round_practices_round_id_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."review_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_round_practices" ADD CONSTRAINT "review_round_practices_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_round_practices" ADD CONSTRAINT "review_round_practices_version_id_practice_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."practice_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_round_practices" ADD CONSTRAINT "review_round_practices_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_rounds" ADD CONSTRAINT "review_rounds_rubric_id_practice_rubrics_id_fk" FOREIGN KEY ("rubric_id") REFERENCES "public"."practice_rubrics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_rounds" ADD CONSTRAINT "review_rounds_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_rounds" ADD CONSTRAINT "review_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_scores" ADD CONSTRAINT "review_scores_assignment_id_review_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."review_assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_scores" ADD CONSTRAINT "review_scores_criterion_id_practice_rubric_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."practice_rubric_criteria"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_rubric_criteria" ADD CONSTRAINT "practice_rubric_criteria_rubric_id_practice_rubrics_id_fk" FOREIGN KEY ("rubric_id") REFERENCES "public"."practice_rubrics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "practice_rubrics_network_idx" ON "practice_rubrics" USING btree ("network_id");--> statement-breakpoint
CREATE UNIQUE INDEX "review_assignments_expert_idx" ON "review_assignments" USING btree ("round_id","practice_id","expert_id");--> statement-breakpoint
CREATE UNIQUE INDEX "review_assignments_role_idx" ON "review_assignments" USING btree ("round_id","practice_id","role");--> statement-breakpoint
CREATE INDEX "review_assignments_expert_load_idx" ON "review_assignments" USING btree ("expert_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "review_composites_round_practice_idx" ON "review_composites" USING btree ("round_id","practice_id");--> statement-breakpoint
CREATE INDEX "review_composites_practice_idx" ON "review_composites" USING btree ("practice_id","published_at");--> statement-breakpoint
CREATE INDEX "review_round_practices_practice_idx" ON "review_round_practices" USING btree ("practice_id");--> statement-breakpoint
CREATE INDEX "review_rounds_network_idx" ON "review_rounds" USING btree ("network_id");--> statement-breakpoint
CREATE UNIQUE INDEX "practice_rubric_criteria_position_idx" ON "practice_rubric_criteria" USING btree ("rubric_id","position");--> statement-breakpoint
-- THE conflict-of-interest rule of expert review: why the expert may not review the practice, or null. Its author
-- (named, or who started it), staff of one of its organisations, or staff of an organisation in a network together
-- with one of them (active members and the managing organisation). Assignment and scoring both ask it.
CREATE OR REPLACE FUNCTION practice_review_conflict(expert uuid, practice uuid) RETURNS text LANGUAGE sql STABLE AS $$
  WITH practice_orgs AS (SELECT organization_id FROM practice_organizations WHERE practice_id = practice),
  network_orgs AS (
    SELECT n.id AS network_id, n.managing_organization_id AS organization_id FROM networks n
    UNION SELECT nm.network_id, nm.organization_id FROM network_members nm WHERE nm.state = 'active'
  ),
  expert_orgs AS (SELECT organization_id FROM memberships WHERE user_id = expert)
  SELECT CASE
    WHEN EXISTS (SELECT 1 FROM practice_authors WHERE practice_id = practice AND user_id = expert)
      OR EXISTS (SELECT 1 FROM practices WHERE id = practice AND created_by = expert) THEN 'author'
    WHEN EXISTS (SELECT 1 FROM expert_orgs WHERE organization_id IN (SELECT organization_id FROM practice_orgs)) THEN 'staff'
    WHEN EXISTS (
      SELECT 1 FROM network_orgs theirs JOIN network_orgs mine ON mine.network_id = theirs.network_id
      WHERE theirs.organization_id IN (SELECT organization_id FROM practice_orgs) AND mine.organization_id IN (SELECT organization_id FROM expert_orgs)
    ) THEN 'network'
  END
$$;
