-- Unit $1's own targets of year $2.
SELECT metric, yearly_value FROM unit_targets WHERE unit_code = $1 AND year = $2 ORDER BY metric
