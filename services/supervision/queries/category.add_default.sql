-- Category $1's default target for metric $3 in year $2: $4.
INSERT INTO category_targets (category, year, metric, yearly_value) VALUES ($1, $2, $3, $4)
