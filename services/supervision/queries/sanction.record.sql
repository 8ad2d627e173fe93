-- A reward or penalty. $1 unit_code, $2 kind, $3 reason, $4 points,
-- $5 decided_date.
INSERT INTO sanctions (unit_code, kind, reason, points, decided_date)
VALUES ($1, $2, $3, $4, $5)
RETURNING id
