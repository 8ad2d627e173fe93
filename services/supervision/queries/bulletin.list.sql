-- A page of bulletins, newest first. $1 below this id (the page token),
-- $2 rows.
SELECT id, bulletin FROM bulletins WHERE ($1::bigint IS NULL OR id < $1) ORDER BY id DESC LIMIT $2
