-- How a project reads: the columns ProjectFromRow (project_store.cc) takes
-- by name, its dates as YYYY-MM-DD, its instants in microseconds since the
-- epoch and the funds paid in (万元). One definition for every statement
-- that answers with projects, used as
-- `FROM projects p CROSS JOIN LATERAL project_read(p) r`: the statement's
-- filters, order and FOR UPDATE OF p stay on the table and its indexes, and
-- PostgreSQL inlines the function's one SELECT into the statement, so it
-- costs what the column lists it replaces did.
CREATE FUNCTION project_read(p projects)
RETURNS TABLE (id bigint, name text, enterprise_id bigint, lead_id bigint, industry smallint,
               chain_action smallint, park_code text, enterprise_type smallint,
               total_investment_wan_yuan bigint, planned_sign_date text,
               planned_start_date text, planned_completion_date text, signed_date text,
               started_date text, completed_date text, unit_code text, leader_code text,
               commander_code text, dedicated_person text, service_team text, stage smallint,
               drop_reason text, signed_at_activity_id bigint, paid_in_wan_yuan bigint,
               version bigint, created_micros bigint, updated_micros bigint,
               lead_conversion_pending boolean, collected_by text)
LANGUAGE sql STABLE
AS $$
  SELECT p.id, p.name, p.enterprise_id, p.lead_id, p.industry, p.chain_action, p.park_code,
         p.enterprise_type, p.total_investment_wan_yuan,
         to_char(p.planned_sign_date, 'YYYY-MM-DD'), to_char(p.planned_start_date, 'YYYY-MM-DD'),
         to_char(p.planned_completion_date, 'YYYY-MM-DD'), to_char(p.signed_date, 'YYYY-MM-DD'),
         to_char(p.started_date, 'YYYY-MM-DD'), to_char(p.completed_date, 'YYYY-MM-DD'),
         p.unit_code, p.leader_code, p.commander_code, p.dedicated_person, p.service_team,
         p.stage, p.drop_reason, p.signed_at_activity_id,
         (SELECT COALESCE(sum(f.amount_wan_yuan), 0) FROM funds f WHERE f.project_id = p.id)::bigint,
         p.version,
         (extract(epoch FROM p.created_at) * 1000000)::bigint,
         (extract(epoch FROM p.updated_at) * 1000000)::bigint,
         p.lead_conversion_pending, COALESCE(p.collected_by, '')
$$;
