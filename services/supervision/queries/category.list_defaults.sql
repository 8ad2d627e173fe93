-- Year $1's default targets of every category.
SELECT category, metric, yearly_value FROM category_targets WHERE year = $1
ORDER BY category, metric
