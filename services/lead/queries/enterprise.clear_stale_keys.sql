-- Stale keys (older than version $1) step aside first, so a new key never
-- meets an old one.
UPDATE enterprises SET normalised_name = '#' || id, double_of_id = NULL
WHERE name_key_version < $1
