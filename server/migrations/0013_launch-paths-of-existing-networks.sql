-- Before issue 15 every network walked the district path of seed 001. A network of another kind that had walked
-- it (launched, or with steps its coordinator marked) keeps that path as its revision 1, so its launch and its
-- marks stay where they were; its coordinator may return to the template of its kind. The other networks follow the
-- template of their kind (no row: revision 0). Districts keep the same path either way.
INSERT INTO "network_launch_path_changes" ("network_id", "revision", "steps", "changes", "reason", "changed_by", "changed_at")
SELECT n."id", 1,
  '[{"key":"council"},{"key":"agreement"},{"key":"regulation"},{"key":"inventory"},{"key":"educational_map"},{"key":"information"},{"key":"plan"},{"key":"launch"}]'::jsonb,
  '[]'::jsonb, '', NULL, now()
FROM "networks" n
WHERE n."kind" <> 'district'
  AND (n."launched_at" IS NOT NULL OR EXISTS (SELECT 1 FROM "network_launch_marks" m WHERE m."network_id" = n."id"));
