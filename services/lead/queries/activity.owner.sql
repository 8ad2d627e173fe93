-- The unit and office that own an activity ('' for none), for row scoping
-- (lead_access.h). $1 id.
SELECT COALESCE(unit_code, '') AS unit_code, COALESCE(office_code, '') AS office_code
FROM activities
WHERE id = $1
