-- Marks enterprise $2 merged into enterprise $1.
UPDATE enterprises
SET merged_into_id = $1, double_of_id = NULL, version = version + 1, updated_at = now()
WHERE id = $2
