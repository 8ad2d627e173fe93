-- The version of year $1's scoring rules, locked (no row: none stored).
SELECT version FROM scoring_rules WHERE year = $1 FOR UPDATE
