CREATE TABLE "council_election_ballots" (
	"election_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"nomination_ids" uuid[] NOT NULL,
	"cast_by" uuid,
	"cast_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "council_election_ballots_one_per_organization" PRIMARY KEY("election_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "council_elections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"title" text NOT NULL,
	"seats" integer NOT NULL,
	"state" text DEFAULT 'nominating' NOT NULL,
	"result" jsonb,
	"minutes" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	CONSTRAINT "council_elections_seats" CHECK ("council_elections"."seats" between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "council_nominations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"election_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"user_id" uuid,
	"full_name" text NOT NULL,
	"position" text DEFAULT '' NOT NULL,
	"nominated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "council_members" ALTER COLUMN "organization_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "council_member_id" uuid;--> statement-breakpoint
ALTER TABLE "council_members" ADD COLUMN "kind" text DEFAULT 'representative' NOT NULL;--> statement-breakpoint
ALTER TABLE "council_members" ADD COLUMN "affiliation" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "council_members" ADD COLUMN "election_id" uuid;--> statement-breakpoint
ALTER TABLE "council_election_ballots" ADD CONSTRAINT "council_election_ballots_election_id_council_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."council_elections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_election_ballots" ADD CONSTRAINT "council_election_ballots_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_election_ballots" ADD CONSTRAINT "council_election_ballots_cast_by_users_id_fk" FOREIGN KEY ("cast_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_elections" ADD CONSTRAINT "council_elections_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_elections" ADD CONSTRAINT "council_elections_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_nominations" ADD CONSTRAINT "council_nominations_election_id_council_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."council_elections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_nominations" ADD CONSTRAINT "council_nominations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_nominations" ADD CONSTRAINT "council_nominations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_nominations" ADD CONSTRAINT "council_nominations_nominated_by_users_id_fk" FOREIGN KEY ("nominated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "council_elections_network_idx" ON "council_elections" USING btree ("network_id");--> statement-breakpoint
CREATE INDEX "council_nominations_election_idx" ON "council_nominations" USING btree ("election_id");--> statement-breakpoint
ALTER TABLE "council_members" ADD CONSTRAINT "council_members_election_id_council_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."council_elections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invitations_council_member_idx" ON "invitations" USING btree ("council_member_id");--> statement-breakpoint
CREATE INDEX "council_members_user_idx" ON "council_members" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "council_members" ADD CONSTRAINT "council_members_kind_organization" CHECK (("council_members"."kind" = 'representative') = ("council_members"."organization_id" is not null));