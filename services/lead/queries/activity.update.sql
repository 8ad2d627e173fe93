-- Writes an updated activity. $1 id, $2 title, $3 leader_code,
-- $4 destination, $5 start_date, $6 end_date, $7 notes.
UPDATE activities
SET title = $2, leader_code = $3, destination = $4, start_date = $5, end_date = $6, notes = $7,
    version = version + 1, updated_at = now()
WHERE id = $1
