-- The enterprise, activity and referrer an updated lead names (columns
-- e_id, e_merged, a_ok, r_ok as in lead.create).
-- $1 enterprise_id, $2 activity_id, $3 referrer_id (NULL: none).
SELECT e.id AS e_id, e.merged_into_id AS e_merged,
       $2::bigint IS NULL OR EXISTS (SELECT 1 FROM activities WHERE id = $2) AS a_ok,
       $3::bigint IS NULL OR EXISTS (SELECT 1 FROM referrers WHERE id = $3) AS r_ok
FROM (VALUES (1)) AS one
LEFT JOIN enterprises e ON e.id = $1
