ALTER TABLE "account_tokens" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "account_tokens" ADD COLUMN "full_name" text;--> statement-breakpoint
CREATE INDEX "account_tokens_new_email_idx" ON "account_tokens" USING btree ("new_email");