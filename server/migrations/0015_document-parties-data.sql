-- Exchange agreements and accessions always had their own parties (their two organisations; the acceding one and the
-- coordinator): say so in party_scope. Signature hashes do not include the scope, and a version without annex or act
-- hashes as before, so every existing document keeps verifying.
UPDATE "network_documents" SET "party_scope" = 'named' WHERE "kind" IN ('resource_exchange', 'accession');--> statement-breakpoint
-- Schools the registry already marked as base schools enter the register from the day they were recorded (no order).
INSERT INTO "base_school_register" ("organization_id", "effective_on")
SELECT "id", ("created_at" AT TIME ZONE 'UTC')::date FROM "organizations" WHERE 'base_school' = ANY("statuses")
ON CONFLICT DO NOTHING;
