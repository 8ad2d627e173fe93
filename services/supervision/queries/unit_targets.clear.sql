-- Forgets unit $1's own targets of year $2.
DELETE FROM unit_targets WHERE unit_code = $1 AND year = $2
