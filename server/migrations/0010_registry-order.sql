DROP INDEX "organizations_sort_idx";--> statement-breakpoint
CREATE INDEX "organizations_kind_sort_idx" ON "organizations" USING btree ("kind","sort_key" collate "C","id") WHERE "organizations"."state" <> 'archived';--> statement-breakpoint
CREATE INDEX "organizations_municipality_sort_idx" ON "organizations" USING btree ("municipality_id","sort_key" collate "C","id") WHERE "organizations"."state" <> 'archived';--> statement-breakpoint
CREATE INDEX "organizations_sort_idx" ON "organizations" USING btree ("sort_key" collate "C","id") WHERE "organizations"."state" <> 'archived';--> statement-breakpoint
-- Search tiers that an index can answer. Besides its terms (with weights, as before), a searched text of weight A (names,
-- titles) or B (descriptions) gives each term once more marked with that letter: «Лицей» in a name is 'лиц' and 'Aлиц'.
-- Terms are lower case, so a marked term never meets a word. "The word is in a name" is then the plain GIN lookup of
-- 'Aлиц' — no weight to recheck row by row, and the planner's statistics count names apart from addresses.
CREATE OR REPLACE FUNCTION "orbita_search_vector"(body text, weight "char") RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(coalesce(string_agg(
    '''' || replace(replace(l.lexeme, '\', '\\'), '''', '''''') || ''':' || array_to_string(u.positions, ','), ' '), '')::tsvector, weight)
  FROM unnest(to_tsvector('russian'::regconfig, coalesce(body, ''))) AS u,
    LATERAL (SELECT "orbita_search_term"(u.lexeme) AS term) AS t,
    LATERAL unnest(CASE WHEN weight IN ('A', 'B') THEN ARRAY[t.term, weight::text || t.term] ELSE ARRAY[t.term] END) AS l(lexeme)
$$;--> statement-breakpoint
ALTER TABLE "organizations" drop column "search_vector";--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (orbita_search_vector(short_name || ' ' || full_name, 'A') || orbita_search_vector(description, 'B') || orbita_search_vector(head_name, 'C') || orbita_search_vector(address, 'D')) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "resource_needs" drop column "search_vector";--> statement-breakpoint
ALTER TABLE "resource_needs" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (orbita_search_vector(title, 'A') || orbita_search_vector(description, 'B')) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "resource_offers" drop column "search_vector";--> statement-breakpoint
ALTER TABLE "resource_offers" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (orbita_search_vector(title, 'A') || orbita_search_vector(description, 'B')) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "programmes" drop column "search_vector";--> statement-breakpoint
ALTER TABLE "programmes" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (orbita_search_vector(title, 'A') || orbita_search_vector(description, 'B') || orbita_search_vector(requirements, 'C') || orbita_search_vector(teacher_name, 'C')) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "organizations_search_idx" ON "organizations" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "resource_needs_search_idx" ON "resource_needs" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "resource_offers_search_idx" ON "resource_offers" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "programmes_search_idx" ON "programmes" USING gin ("search_vector");--> statement-breakpoint
ANALYZE "organizations";
--> statement-breakpoint
-- A search reads a tier in the order its rows are stored (platform/search, `searchPageIds`), so page 2 must see the rows in
-- the same order as page 1. PostgreSQL lets a sequential scan of a large table start where another one is reading
-- (synchronized scans), which would shuffle that order between requests: off for this database's new sessions and this one.
-- Only the database's owner may say so; a role that is not gets a warning, and its pages may then repeat or skip a row.
DO $$ BEGIN
  EXECUTE format('ALTER DATABASE %I SET synchronize_seqscans = off', current_database());
EXCEPTION WHEN insufficient_privilege THEN
  RAISE WARNING 'synchronize_seqscans stays on: only the owner of database % may turn it off (ALTER DATABASE … SET synchronize_seqscans = off)', current_database();
END $$;--> statement-breakpoint
SET synchronize_seqscans = off;
