-- A new activity. $1 kind, $2 title, $3 unit_code, $4 office_code,
-- $5 leader_code, $6 destination, $7 start_date, $8 end_date, $9 notes.
INSERT INTO activities (kind, title, unit_code, office_code, leader_code, destination,
                        start_date, end_date, notes)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
RETURNING id
