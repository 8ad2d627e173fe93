-- The whole directory of units, or those of kind $1 (NULL: all); it is
-- small (tens of units), so one page holds it.
SELECT code, name, kind, parent_code, category, active, version
FROM units
WHERE ($1::int IS NULL OR kind = $1)
ORDER BY code
