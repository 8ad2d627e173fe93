-- Enterprise $1's new name key $2 of version $3; $4 the record that already
-- holds it (NULL: none).
UPDATE enterprises SET normalised_name = $2, name_key_version = $3, double_of_id = $4
WHERE id = $1
