-- Which fields survivor $1 lacks and duplicate $2 has, as
-- 'credit_code,type,region,contact' (column fields): the credit code above
-- all, the type, the place, and the contact (name and phone together).
SELECT concat_ws(',',
         CASE WHEN s.credit_code IS NULL AND d.credit_code IS NOT NULL THEN 'credit_code' END,
         CASE WHEN s.type = {{zhaoshang.common.v1.ENTERPRISE_TYPE_UNSPECIFIED}}
               AND d.type <> {{zhaoshang.common.v1.ENTERPRISE_TYPE_UNSPECIFIED}} THEN 'type' END,
         CASE WHEN s.region = '' AND d.region <> '' THEN 'region' END,
         CASE WHEN s.contact_name = '' AND s.contact_phone = ''
               AND (d.contact_name <> '' OR d.contact_phone <> '') THEN 'contact' END) AS fields
FROM enterprises s, enterprises d
WHERE s.id = $1 AND d.id = $2
