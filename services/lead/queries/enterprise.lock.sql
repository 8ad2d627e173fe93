-- An enterprise to update, locked, with its name key. $1 id.
SELECT id, name, credit_code, type, industry, region, contact_name, contact_phone,
       merged_into_id, version,
       (extract(epoch FROM created_at) * 1000000)::bigint AS created_micros,
       (extract(epoch FROM updated_at) * 1000000)::bigint AS updated_micros,
       normalised_name
FROM enterprises
WHERE id = $1
FOR UPDATE
