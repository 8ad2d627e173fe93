-- Activity $1 met the enterprises of array $2 ('{1,2}').
INSERT INTO activity_enterprises (activity_id, enterprise_id)
SELECT $1, unnest($2::bigint[])
ON CONFLICT DO NOTHING
