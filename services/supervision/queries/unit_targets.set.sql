-- Unit $1's own target for metric $3 in year $2: $4.
INSERT INTO unit_targets (unit_code, year, metric, yearly_value) VALUES ($1, $2, $3, $4)
ON CONFLICT (unit_code, year, metric) DO UPDATE SET yearly_value = EXCLUDED.yearly_value
