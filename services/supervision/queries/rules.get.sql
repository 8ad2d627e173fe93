-- Year $1's scoring rules (serialized ScoringRules) and version.
SELECT rules, version FROM scoring_rules WHERE year = $1
