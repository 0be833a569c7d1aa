CREATE TABLE "audit_chain_head" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"seq" bigint NOT NULL,
	"entry_id" bigint,
	"hash" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_chain_head_single_row" CHECK ("audit_chain_head"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "audit_entries" ADD COLUMN "chain_seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_entries" ADD COLUMN "previous_hash" text;--> statement-breakpoint
ALTER TABLE "audit_entries" ADD COLUMN "hash" text;--> statement-breakpoint
ALTER TABLE "audit_entries" ALTER COLUMN "at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "network_document_signatures" ADD COLUMN "organization_name" text;--> statement-breakpoint
ALTER TABLE "network_document_signatures" ADD COLUMN "document_state" text;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_entries_chain_seq_key" ON "audit_entries" USING btree ("chain_seq");--> statement-breakpoint
-- Existing signatures: the organisation's name as it stands now and the state each signature produced, as its audit entry recorded it.
UPDATE "network_document_signatures" s SET "organization_name" = o."full_name" FROM "organizations" o WHERE o."id" = s."organization_id";--> statement-breakpoint
UPDATE "network_document_signatures" s SET "document_state" = coalesce(
  (SELECT a."after"->>'state' FROM "audit_entries" a WHERE a."action" = 'document.signed' AND a."after"->>'signatureId' = s."id"::text ORDER BY a."id" DESC LIMIT 1),
  'signing');--> statement-breakpoint
ALTER TABLE "network_document_signatures" ALTER COLUMN "organization_name" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "network_document_signatures" ALTER COLUMN "document_state" SET NOT NULL;--> statement-breakpoint
-- The audit log keeps ids only for people: a trigger replaces names, e-mails, birth dates and phones in every new entry, whoever
-- writes it, and existing entries lose them before the chain is computed, so deleting a person never needs a sealed entry rewritten.
CREATE FUNCTION "orbita_redact_personal"(value jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  result jsonb;
  k text;
  v jsonb;
BEGIN
  IF jsonb_typeof(value) = 'object' THEN
    result := '{}'::jsonb;
    FOR k, v IN SELECT * FROM jsonb_each(value) LOOP
      result := result || jsonb_build_object(k, CASE
        WHEN lower(k) ~ '^(full|last|first|middle|signer|head|child|guardian)name$|^(patronymic|birthdate|passwordhash)$|(email|phone)$' AND v <> 'null'::jsonb THEN to_jsonb('(скрыто)'::text)
        ELSE "orbita_redact_personal"(v) END);
    END LOOP;
    RETURN result;
  ELSIF jsonb_typeof(value) = 'array' THEN
    RETURN coalesce((SELECT jsonb_agg("orbita_redact_personal"(e) ORDER BY i) FROM jsonb_array_elements(value) WITH ORDINALITY AS t(e, i)), '[]'::jsonb);
  END IF;
  RETURN value;
END $$;--> statement-breakpoint
UPDATE "audit_entries" SET "before" = "orbita_redact_personal"("before"), "after" = "orbita_redact_personal"("after") WHERE ("before" IS NOT NULL OR "after" IS NOT NULL) AND "entity_type" <> 'organization';--> statement-breakpoint
CREATE FUNCTION "audit_entries_redact"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."before" := "orbita_redact_personal"(NEW."before");
  NEW."after" := "orbita_redact_personal"(NEW."after");
  RETURN NEW;
END $$;--> statement-breakpoint
-- A restored entry arrives sealed and is kept as it is. An organisation's card (its public phone, e-mail, head) is registry data, not a person's.
CREATE TRIGGER "audit_entries_redact" BEFORE INSERT ON "audit_entries" FOR EACH ROW WHEN (NEW."hash" IS NULL AND NEW."entity_type" <> 'organization') EXECUTE FUNCTION "audit_entries_redact"();--> statement-breakpoint
-- The sealed form of a record (platform/audit/seal.ts computes the same in TypeScript): the kind, then each field as
-- «|<length in UTF-8 bytes>:<text>», or «|~» for no value; SHA-256 in hex.
CREATE FUNCTION "orbita_seal"(kind text, fields text[]) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(kind || coalesce((
    SELECT string_agg('|' || CASE WHEN f IS NULL THEN '~' ELSE octet_length(f)::text || ':' || f END, '' ORDER BY i)
    FROM unnest(fields) WITH ORDINALITY AS t(f, i)), ''), 'UTF8')), 'hex')
$$;--> statement-breakpoint
-- Re-seal: every signature chain whose old hashes (which left out the signer's name) still add up is hashed again
-- in the new form, which covers all the signature sheet shows and the state the signature produced. One audit entry
-- per document records old and new hashes. A chain that no longer adds up is left as it is: `verify signatures` reports it.
DO $$
DECLARE
  doc record;
  s record;
  legacy_previous text;
  legacy_intact boolean;
  previous text;
  sealed text;
  resealed jsonb;
BEGIN
  FOR doc IN SELECT DISTINCT "document_id" FROM "network_document_signatures" ORDER BY "document_id" LOOP
    legacy_previous := repeat('0', 64);
    legacy_intact := true;
    FOR s IN SELECT * FROM "network_document_signatures" WHERE "document_id" = doc."document_id" ORDER BY "signed_at", "id" LOOP
      IF s."previous_hash" <> legacy_previous OR s."hash" <> encode(sha256(convert_to(
        '{"documentId":"' || s."document_id" || '","organizationId":"' || s."organization_id" || '","previousHash":"' || s."previous_hash" ||
        '","signedAt":"' || to_char(s."signed_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '","signerId":"' || s."signer_id" ||
        '","versionId":"' || s."version_id" || '","versionSha256":"' || s."version_sha256" || '"}', 'UTF8')), 'hex') THEN
        legacy_intact := false;
      END IF;
      legacy_previous := s."hash";
    END LOOP;
    CONTINUE WHEN NOT legacy_intact;
    previous := repeat('0', 64);
    resealed := '[]'::jsonb;
    FOR s IN
      SELECT sig.*, v."version" AS version_number FROM "network_document_signatures" sig JOIN "network_document_versions" v ON v."id" = sig."version_id"
      WHERE sig."document_id" = doc."document_id" ORDER BY sig."signed_at", sig."id"
    LOOP
      sealed := "orbita_seal"('orbita-signature-v2', ARRAY[
        s."document_id"::text, s."version_id"::text, s.version_number::text, s."version_sha256", s."organization_id"::text, s."organization_name",
        s."signer_id"::text, s."signer_name", to_char(s."signed_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), s."document_state", previous]);
      UPDATE "network_document_signatures" SET "previous_hash" = previous, "hash" = sealed WHERE "id" = s."id";
      resealed := resealed || jsonb_build_array(jsonb_build_object('signatureId', s."id", 'legacyHash', s."hash", 'hash', sealed));
      previous := sealed;
    END LOOP;
    INSERT INTO "audit_entries" ("actor_ip", "action", "entity_type", "entity_id", "after")
    VALUES ('migration', 'document.signatures_resealed', 'network_document', doc."document_id"::text, jsonb_build_object('format', 'orbita-signature-v2', 'signatures', resealed));
  END LOOP;
END $$;--> statement-breakpoint
-- The audit chain. At commit, after every other statement of the transaction, each new entry takes the one-row head's
-- lock, is sealed with the head's hash and becomes the head: concurrent transactions queue on that row and never fork
-- the chain, and since the lock comes last it cannot deadlock with row locks taken earlier. `verify audit` recomputes
-- the hashes with its own code (platform/audit/seal.ts), not with these functions.
CREATE FUNCTION "audit_chain_append"(entry_id bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  e record;
  head record;
  sealed text;
BEGIN
  SELECT "id", "at", "actor_id", "actor_ip", "action", "entity_type", "entity_id", "before", "after", "hash" INTO e FROM "audit_entries" WHERE "id" = entry_id;
  -- A restored entry arrives sealed.
  IF NOT FOUND OR e."hash" IS NOT NULL THEN RETURN; END IF;
  SELECT "seq", "hash" INTO head FROM "audit_chain_head" WHERE "id" = 1 FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO "audit_chain_head" ("id", "seq", "hash") VALUES (1, 0, repeat('0', 64)) ON CONFLICT ("id") DO NOTHING;
    SELECT "seq", "hash" INTO head FROM "audit_chain_head" WHERE "id" = 1 FOR UPDATE;
  END IF;
  sealed := "orbita_seal"('orbita-audit-v1', ARRAY[
    (head."seq" + 1)::text, e."id"::text, (extract(epoch FROM e."at") * 1000000)::bigint::text, e."actor_id"::text, e."actor_ip",
    e."action", e."entity_type", e."entity_id", e."before"::text, e."after"::text, head."hash"]);
  UPDATE "audit_entries" SET "chain_seq" = head."seq" + 1, "previous_hash" = head."hash", "hash" = sealed WHERE "id" = e."id";
  UPDATE "audit_chain_head" SET "seq" = head."seq" + 1, "entry_id" = e."id", "hash" = sealed, "updated_at" = now() WHERE "id" = 1;
END $$;--> statement-breakpoint
INSERT INTO "audit_chain_head" ("id", "seq", "hash") VALUES (1, 0, repeat('0', 64));--> statement-breakpoint
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT "id" FROM "audit_entries" ORDER BY "id" LOOP
    PERFORM "audit_chain_append"(r."id");
  END LOOP;
END $$;--> statement-breakpoint
CREATE FUNCTION "audit_chain_seal"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "audit_chain_append"(NEW."id");
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "audit_entries_chain" AFTER INSERT ON "audit_entries" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "audit_chain_seal"();