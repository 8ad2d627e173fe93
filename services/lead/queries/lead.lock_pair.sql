-- The two leads of a merge, locked in id order. $1, $2 ids.
SELECT id, status FROM leads WHERE id IN ($1, $2) ORDER BY id FOR UPDATE
