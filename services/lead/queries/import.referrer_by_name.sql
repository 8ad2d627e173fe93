-- Referrers named $1, or whose id is $1: an import row names one (two rows
-- found: ambiguous).
SELECT id FROM referrers WHERE name = $1 OR id::text = $1 ORDER BY id LIMIT 2
