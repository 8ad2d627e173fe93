-- Year $1's target categories.
SELECT code, name FROM target_categories WHERE year = $1 ORDER BY code
