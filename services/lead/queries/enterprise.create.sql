-- A new enterprise. $1 name, $2 normalised_name (its key), $3 the key's
-- version, $4 credit_code, $5 type, $6 industry, $7 region,
-- $8 contact_name, $9 contact_phone.
INSERT INTO enterprises (name, normalised_name, name_key_version, credit_code, type, industry,
                         region, contact_name, contact_phone)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
RETURNING id, name, credit_code, type, industry, region, contact_name, contact_phone,
       merged_into_id, version,
       (extract(epoch FROM created_at) * 1000000)::bigint AS created_micros,
       (extract(epoch FROM updated_at) * 1000000)::bigint AS updated_micros
