-- The words of a text array (a practice's tags) for its search vector and vocabulary; text output is immutable.
CREATE FUNCTION "orbita_words"(words text[]) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT coalesce(array_to_string(words, ' '), '') $$;--> statement-breakpoint
CREATE TABLE "practice_attachment_files" (
	"attachment_id" uuid PRIMARY KEY NOT NULL,
	"content" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "practice_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"url" text,
	"file_name" text,
	"content_type" text,
	"byte_size" integer,
	"sha256" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "practice_attachments_url_or_file" CHECK (("practice_attachments"."url" is null) <> ("practice_attachments"."file_name" is null))
);
--> statement-breakpoint
CREATE TABLE "practice_authors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"user_id" uuid,
	"name" text,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "practice_authors_user_or_name" CHECK ("practice_authors"."user_id" is not null or "practice_authors"."name" is not null)
);
--> statement-breakpoint
CREATE TABLE "practice_organizations" (
	"practice_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "practice_organizations_practice_id_organization_id_pk" PRIMARY KEY("practice_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "practice_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"direction" text NOT NULL,
	"levels" text[] NOT NULL,
	"audiences" text[] NOT NULL,
	"problem" text DEFAULT '' NOT NULL,
	"description" text NOT NULL,
	"conditions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"results" text DEFAULT '' NOT NULL,
	"evidence" text DEFAULT '' NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (orbita_search_vector(title, 'A') || orbita_search_vector(orbita_words(tags), 'A') || orbita_search_vector(description, 'B') || orbita_search_vector(problem, 'B') || orbita_search_vector(results, 'C') || orbita_search_vector(evidence, 'D')) STORED NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	CONSTRAINT "practice_versions_levels" CHECK (cardinality("practice_versions"."levels") > 0)
);
--> statement-breakpoint
CREATE TABLE "practices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"published_version_id" uuid,
	"working_version_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "practices_published_has_version" CHECK ("practices"."state" <> 'published' or "practices"."published_version_id" is not null)
);
--> statement-breakpoint
ALTER TABLE "practice_attachment_files" ADD CONSTRAINT "practice_attachment_files_attachment_id_practice_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."practice_attachments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_attachments" ADD CONSTRAINT "practice_attachments_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_attachments" ADD CONSTRAINT "practice_attachments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_authors" ADD CONSTRAINT "practice_authors_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_authors" ADD CONSTRAINT "practice_authors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_organizations" ADD CONSTRAINT "practice_organizations_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_organizations" ADD CONSTRAINT "practice_organizations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_versions" ADD CONSTRAINT "practice_versions_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_versions" ADD CONSTRAINT "practice_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_versions" ADD CONSTRAINT "practice_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_published_version_id_practice_versions_id_fk" FOREIGN KEY ("published_version_id") REFERENCES "public"."practice_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_working_version_id_practice_versions_id_fk" FOREIGN KEY ("working_version_id") REFERENCES "public"."practice_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "practice_attachments_practice_idx" ON "practice_attachments" USING btree ("practice_id","created_at");--> statement-breakpoint
CREATE INDEX "practice_authors_practice_idx" ON "practice_authors" USING btree ("practice_id");--> statement-breakpoint
CREATE INDEX "practice_authors_user_idx" ON "practice_authors" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "practice_organizations_organization_idx" ON "practice_organizations" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "practice_versions_number_idx" ON "practice_versions" USING btree ("practice_id","number");--> statement-breakpoint
CREATE INDEX "practice_versions_search_idx" ON "practice_versions" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "practices_state_idx" ON "practices" USING btree ("state","published_at");--> statement-breakpoint
CREATE TRIGGER "practice_versions_search_words" AFTER INSERT OR UPDATE OF "title", "description", "problem", "results", "tags" ON "practice_versions"
  FOR EACH ROW EXECUTE FUNCTION "search_words_remember"('title', 'description', 'problem', 'results', 'tags');
