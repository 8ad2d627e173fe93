-- A unit. $1 code.
SELECT code, name, kind, parent_code, category, active, version
FROM units
WHERE code = $1
