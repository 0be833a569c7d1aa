ALTER TABLE "staff_imports" ADD COLUMN "heartbeat_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organization_imports" ADD COLUMN "heartbeat_at" timestamp with time zone;