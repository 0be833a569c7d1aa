DROP INDEX "council_votes_one_per_organization";--> statement-breakpoint
ALTER TABLE "council_votes" ALTER COLUMN "organization_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "networks" ADD COLUMN "quorum_basis" text DEFAULT 'seats' NOT NULL;--> statement-breakpoint
ALTER TABLE "networks" ADD COLUMN "vote_unit" text DEFAULT 'organization' NOT NULL;--> statement-breakpoint
ALTER TABLE "networks" ADD COLUMN "chair_casting_vote" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "networks" ADD COLUMN "admission" text DEFAULT 'coordinator' NOT NULL;--> statement-breakpoint
ALTER TABLE "networks" ADD COLUMN "exchanges_visible_to_council" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "council_members" ADD COLUMN "voting" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "council_decisions" ADD COLUMN "rules" jsonb;--> statement-breakpoint
ALTER TABLE "council_decisions" ADD COLUMN "subject" jsonb;--> statement-breakpoint
ALTER TABLE "council_votes" ADD COLUMN "unit" text DEFAULT 'organization' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "council_votes_one_per_seat" ON "council_votes" USING btree ("decision_id","council_member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "council_votes_one_per_organization" ON "council_votes" USING btree ("decision_id","organization_id") WHERE unit = 'organization' and organization_id is not null;