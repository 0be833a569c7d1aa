-- One account may hold several platform roles (an authority's staff member who is also a parent), so the single column becomes rows.
INSERT INTO "user_roles" ("user_id", "role", "created_at") SELECT "id", "platform_role", "created_at" FROM "users" WHERE "platform_role" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "platform_role";
