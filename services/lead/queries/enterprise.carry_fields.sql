-- Survivor $1 takes what it lacks from duplicate $2 (see
-- enterprise.fields_to_carry): one person's phone never goes with another's
-- name.
UPDATE enterprises s
SET version = s.version + 1, updated_at = now(),
    credit_code = COALESCE(s.credit_code, d.credit_code),
    type = CASE WHEN s.type = {{zhaoshang.common.v1.ENTERPRISE_TYPE_UNSPECIFIED}}
                THEN d.type ELSE s.type END,
    region = CASE WHEN s.region = '' THEN d.region ELSE s.region END,
    contact_name = CASE WHEN s.contact_name = '' AND s.contact_phone = ''
                        THEN d.contact_name ELSE s.contact_name END,
    contact_phone = CASE WHEN s.contact_name = '' AND s.contact_phone = ''
                         THEN d.contact_phone ELSE s.contact_phone END
FROM enterprises d
WHERE s.id = $1 AND d.id = $2
