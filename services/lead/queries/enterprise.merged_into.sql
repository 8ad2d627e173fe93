-- Whether an enterprise exists (e_id NULL: not) and what it was merged
-- into (e_merged). $1 id.
SELECT e.id AS e_id, e.merged_into_id AS e_merged
FROM (VALUES (1)) AS one
LEFT JOIN enterprises e ON e.id = $1
