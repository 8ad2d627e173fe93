-- Enterprises whose name key is older than version $1, with whether each
-- was merged (merged).
SELECT id, name, merged_into_id IS NOT NULL AS merged
FROM enterprises
WHERE name_key_version < $1
ORDER BY id
