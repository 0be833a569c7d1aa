ALTER TABLE "practices" ADD COLUMN "review_status" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "practices" ADD COLUMN "review_score" numeric(5, 2);--> statement-breakpoint
ALTER TABLE "practices" ADD COLUMN "adoption_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_score_when_reviewed" CHECK (("practices"."review_score" is null) or "practices"."review_status" = 'reviewed');