-- A project's key under each dimension of the report (common/aggregate.h's
-- ProjectDimensions): one definition for both ways a figure is computed.
-- The rollup triggers read it as jsonb (project_report_keys, 0004, now made
-- from it), and the aggregates over the records select its columns
-- (queries/aggregate.*.sql, `CROSS JOIN LATERAL project_dimensions(p) d`).
-- One SELECT in SQL, inlined where it is used.
CREATE FUNCTION project_dimensions(p projects)
RETURNS TABLE (unit text, industry text, park text, leader text, chain_action text,
               activity text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT p.unit_code, p.industry::text, COALESCE(p.park_code, 'none'),
         COALESCE(p.leader_code, 'none'), p.chain_action::text,
         COALESCE(p.signed_at_activity_id::text, 'none')
$$;

CREATE OR REPLACE FUNCTION project_report_keys(p projects) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT to_jsonb(d) FROM project_dimensions(p) d
$$;
