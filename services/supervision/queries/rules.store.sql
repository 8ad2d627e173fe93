-- Year $1's scoring rules: $2 the serialized ScoringRules, $3 version.
INSERT INTO scoring_rules (year, rules, version) VALUES ($1, $2, $3)
ON CONFLICT (year) DO UPDATE SET rules = EXCLUDED.rules, version = EXCLUDED.version
