-- A new unit (no row when its code is taken). $1 code, $2 name, $3 kind,
-- $4 parent_code, $5 category.
INSERT INTO units (code, name, kind, parent_code, category) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (code) DO NOTHING
RETURNING code
