-- Writes an updated unit. $1 code, $2 name, $3 category, $4 active,
-- $5 parent_code.
UPDATE units
SET name = $2, category = $3, active = $4, parent_code = $5, version = version + 1
WHERE code = $1
