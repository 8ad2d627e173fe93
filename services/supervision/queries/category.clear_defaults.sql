-- Forgets category $1's default targets of year $2.
DELETE FROM category_targets WHERE category = $1 AND year = $2
