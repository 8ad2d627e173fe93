-- Another record with this credit code or name: merged records keep their
-- identifiers reserved (all but for the record they were merged into,
-- which may take them over). The same credit code first (same_code).
-- $1 credit_code (NULL: none), $2 name key, $3 name core, $4 the record
-- itself (0: a new one), $5 name region.
SELECT id, name, coalesce(credit_code = $1, false) AS same_code, merged_into_id
FROM enterprises
WHERE id <> $4 AND merged_into_id IS DISTINCT FROM $4 AND double_of_id IS DISTINCT FROM $4
  AND (credit_code = $1 OR normalised_name = $2
       OR (name_core = $3 AND (name_region = '' OR $5 = '')))
ORDER BY same_code DESC, merged_into_id IS NOT NULL, id
LIMIT 1
