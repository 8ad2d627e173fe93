-- The active units that are ranked: all but small teams (which count with
-- their parent unit).
SELECT code, name, kind, parent_code, category, active, version
FROM units
WHERE active AND kind <> {{zhaoshang.supervision.v1.UNIT_KIND_SMALL_TEAM}}
ORDER BY code
