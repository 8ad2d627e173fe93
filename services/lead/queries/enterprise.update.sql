-- Writes an updated enterprise. $1 id, $2 name, $3 normalised_name,
-- $4 credit_code, $5 type, $6 industry, $7 region, $8 contact_name,
-- $9 contact_phone, $10 the name key's version.
UPDATE enterprises
SET name = $2, normalised_name = $3, name_key_version = $10, credit_code = $4, type = $5,
    industry = $6, region = $7, contact_name = $8, contact_phone = $9,
    version = version + 1, updated_at = now()
WHERE id = $1
RETURNING id, name, credit_code, type, industry, region, contact_name, contact_phone,
       merged_into_id, version,
       (extract(epoch FROM created_at) * 1000000)::bigint AS created_micros,
       (extract(epoch FROM updated_at) * 1000000)::bigint AS updated_micros
