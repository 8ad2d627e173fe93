-- The unit and office that own a lead ('' for none), for row scoping
-- (lead_access.h). $1 id.
SELECT COALESCE(unit_code, '') AS unit_code, COALESCE(office_code, '') AS office_code
FROM leads
WHERE id = $1
