CREATE TABLE "event_speakers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"user_id" uuid,
	"name" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_speakers_person_or_guest" CHECK (("event_speakers"."user_id" is null) <> ("event_speakers"."name" = ''))
);
--> statement-breakpoint
ALTER TABLE "event_speakers" ADD CONSTRAINT "event_speakers_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_speakers" ADD CONSTRAINT "event_speakers_session_id_event_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."event_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_speakers" ADD CONSTRAINT "event_speakers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_speakers" ADD CONSTRAINT "event_speakers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "event_speakers_user_key" ON "event_speakers" USING btree ("session_id","user_id") WHERE user_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "event_speakers_guest_key" ON "event_speakers" USING btree ("session_id","name") WHERE user_id is null;--> statement-breakpoint
CREATE INDEX "event_speakers_event_idx" ON "event_speakers" USING btree ("event_id","created_at");--> statement-breakpoint
CREATE INDEX "event_speakers_user_idx" ON "event_speakers" USING btree ("user_id");--> statement-breakpoint
-- The programme's speakers move to their own rows: accounts named for certificates, and the typed names as guests.
INSERT INTO "event_speakers" ("event_id", "session_id", "user_id") SELECT DISTINCT s."event_id", s."id", u."id" FROM "event_sessions" s CROSS JOIN LATERAL unnest(s."speaker_user_ids") AS su(id) JOIN "users" u ON u."id" = su.id;--> statement-breakpoint
INSERT INTO "event_speakers" ("event_id", "session_id", "name") SELECT s."event_id", s."id", btrim(s."speakers") FROM "event_sessions" s WHERE btrim(s."speakers") <> '';--> statement-breakpoint
ALTER TABLE "event_sessions" DROP COLUMN "speakers";--> statement-breakpoint
ALTER TABLE "event_sessions" DROP COLUMN "speaker_user_ids";