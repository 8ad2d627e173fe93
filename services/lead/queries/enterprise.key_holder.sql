-- The record in use, other than $2, that holds name key $1.
SELECT id
FROM enterprises
WHERE normalised_name = $1 AND id <> $2 AND merged_into_id IS NULL AND double_of_id IS NULL
LIMIT 1
