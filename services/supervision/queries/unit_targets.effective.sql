-- Every unit's target for every metric in year $1: its own where it set
-- one, else its category's default (an override replaces the default for
-- that metric only), else 0.
SELECT u.code AS unit_code, m.metric, COALESCE(o.yearly_value, d.yearly_value, 0) AS yearly_value
FROM units u
CROSS JOIN generate_series({{zhaoshang.supervision.v1.METRIC_OUTBOUND_TRIPS}},
                           {{zhaoshang.supervision.v1.METRIC_STARTED_INVESTMENT_WAN_YUAN}}) AS m(metric)
LEFT JOIN category_targets d
  ON d.category = u.category AND d.year = $1 AND d.metric = m.metric
LEFT JOIN unit_targets o
  ON o.unit_code = u.code AND o.year = $1 AND o.metric = m.metric
ORDER BY 1, 2
