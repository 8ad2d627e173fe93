-- A new leader (no row when the code is taken). $1 code, $2 name, $3 title,
-- $4 body.
INSERT INTO leaders (code, name, title, body) VALUES ($1, $2, $3, $4)
ON CONFLICT (code) DO NOTHING
RETURNING code
