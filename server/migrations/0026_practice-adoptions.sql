CREATE TABLE "practice_adoption_needs" (
	"adoption_id" uuid NOT NULL,
	"need_id" uuid NOT NULL,
	CONSTRAINT "practice_adoption_needs_adoption_id_need_id_pk" PRIMARY KEY("adoption_id","need_id")
);
--> statement-breakpoint
CREATE TABLE "practice_adoptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"state" text DEFAULT 'adopting' NOT NULL,
	"started_on" date NOT NULL,
	"changes" text NOT NULL,
	"results" text,
	"results_on" date,
	"figures" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"stopped_on" date,
	"stop_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "practice_adoptions_results_dated" CHECK (("practice_adoptions"."results" is null) = ("practice_adoptions"."results_on" is null)),
	CONSTRAINT "practice_adoptions_results_after_start" CHECK ("practice_adoptions"."results_on" is null or "practice_adoptions"."results_on" >= "practice_adoptions"."started_on"),
	CONSTRAINT "practice_adoptions_stopped_dated" CHECK (("practice_adoptions"."state" = 'stopped') = ("practice_adoptions"."stopped_on" is not null))
);
--> statement-breakpoint
ALTER TABLE "practice_adoption_needs" ADD CONSTRAINT "practice_adoption_needs_adoption_id_practice_adoptions_id_fk" FOREIGN KEY ("adoption_id") REFERENCES "public"."practice_adoptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_adoption_needs" ADD CONSTRAINT "practice_adoption_needs_need_id_resource_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."resource_needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_adoptions" ADD CONSTRAINT "practice_adoptions_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_adoptions" ADD CONSTRAINT "practice_adoptions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_adoptions" ADD CONSTRAINT "practice_adoptions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "practice_adoption_needs_need_idx" ON "practice_adoption_needs" USING btree ("need_id");--> statement-breakpoint
CREATE UNIQUE INDEX "practice_adoptions_one_per_organization" ON "practice_adoptions" USING btree ("practice_id","organization_id");--> statement-breakpoint
CREATE INDEX "practice_adoptions_organization_idx" ON "practice_adoptions" USING btree ("organization_id");