-- The two enterprises of a merge, locked in id order so two opposite merges
-- cannot deadlock. $1, $2 ids.
SELECT id, merged_into_id FROM enterprises WHERE id IN ($1, $2) ORDER BY id FOR UPDATE
