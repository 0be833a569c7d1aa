CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
-- Snowball's Russian stemmer leaves «лицей» as 'лиц' but «лицея» and «лицеев» as 'лице'. A search term is the stem with
-- its final vowels, й and ь trimmed, so every form of a word meets on one term; a stem that would drop below two
-- letters stays whole. Documents and queries go through the same function (platform/search/ builds the queries).
CREATE FUNCTION "orbita_search_term"(stem text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN length(trimmed) >= 2 THEN trimmed ELSE stem END
  FROM (SELECT regexp_replace(stem, '[аеёиоуыэюяйь]+$', '') AS trimmed) AS t
$$;--> statement-breakpoint
-- The Russian tsvector of a text with every lexeme made a search term and every position given `weight`
-- (A names and titles, B descriptions, C the rest, D addresses), so ts_rank puts a name above an address.
CREATE FUNCTION "orbita_search_vector"(body text, weight "char") RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(coalesce(string_agg(
    '''' || replace(replace("orbita_search_term"(lexeme), '\', '\\'), '''', '''''') || ''':' || array_to_string(positions, ','), ' '), '')::tsvector, weight)
  FROM unnest(to_tsvector('russian'::regconfig, coalesce(body, '')))
$$;--> statement-breakpoint
-- Every word of the searched fields with its term: a query word whose term no known word has is looked up here by
-- trigram similarity («библиатека» → «библиотека»), which stays fast because a vocabulary is far smaller than its rows.
-- Words only accumulate (a renamed organisation's old words stay and match nothing); a trigger on each searched table adds them.
CREATE TABLE "search_words" (
	"word" text PRIMARY KEY NOT NULL,
	"term" text NOT NULL
);--> statement-breakpoint
CREATE INDEX "search_words_term_idx" ON "search_words" USING btree ("term");--> statement-breakpoint
CREATE INDEX "search_words_trgm_idx" ON "search_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE FUNCTION "orbita_remember_words"(body text) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "search_words" ("word", "term")
  SELECT DISTINCT w, "orbita_search_term"(lexeme)
  FROM regexp_split_to_table(lower(body), '[^а-яёa-z]+') AS w, unnest(to_tsvector('russian'::regconfig, w)) AS l(lexeme)
  -- Known words are skipped before they are stemmed: most words of a new name are known already.
  WHERE length(w) >= 3 AND NOT EXISTS (SELECT 1 FROM "search_words" k WHERE k."word" = w)
  ON CONFLICT ("word") DO NOTHING
$$;--> statement-breakpoint
-- The trigger's arguments name the columns whose words are remembered.
CREATE FUNCTION "search_words_remember"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "orbita_remember_words"((SELECT string_agg(to_jsonb(NEW)->>c, ' ') FROM unnest(TG_ARGV) AS c));
  RETURN NULL;
END $$;--> statement-breakpoint
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
CREATE TRIGGER "organizations_search_words" AFTER INSERT OR UPDATE OF "short_name", "full_name", "description", "head_name", "address" ON "organizations"
  FOR EACH ROW EXECUTE FUNCTION "search_words_remember"('short_name', 'full_name', 'description', 'head_name', 'address');--> statement-breakpoint
CREATE TRIGGER "resource_offers_search_words" AFTER INSERT OR UPDATE OF "title", "description", "tags" ON "resource_offers"
  FOR EACH ROW EXECUTE FUNCTION "search_words_remember"('title', 'description', 'tags');--> statement-breakpoint
CREATE TRIGGER "programmes_search_words" AFTER INSERT OR UPDATE OF "title", "description", "requirements", "teacher_name" ON "programmes"
  FOR EACH ROW EXECUTE FUNCTION "search_words_remember"('title', 'description', 'requirements', 'teacher_name');--> statement-breakpoint
SELECT "orbita_remember_words"(concat_ws(' ', "short_name", "full_name", "description", "head_name", "address")) FROM "organizations";--> statement-breakpoint
SELECT "orbita_remember_words"(concat_ws(' ', "title", "description", array_to_string("tags", ' '))) FROM "resource_offers";--> statement-breakpoint
SELECT "orbita_remember_words"(concat_ws(' ', "title", "description", "requirements", "teacher_name")) FROM "programmes";
