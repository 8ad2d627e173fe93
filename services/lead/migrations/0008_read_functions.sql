-- How a lead and an activity read: the columns LeadFromRow and
-- ActivityFromRow (lead_store.cc, activity_store.cc) take by name. One
-- definition each for every statement that answers with them, used as
-- `FROM leads l CROSS JOIN LATERAL lead_read(l) r`: the statement's filters,
-- order and FOR UPDATE OF l stay on the table and its indexes, and
-- PostgreSQL inlines the function's one SELECT into the statement, so it
-- costs what the column lists it replaces did.

-- A lead: its columns, its collected date as YYYY-MM-DD, its instants in
-- microseconds since the epoch, and the district's time limits.
CREATE FUNCTION lead_read(l leads)
RETURNS TABLE (id bigint, title text, enterprise_id bigint, channel smallint,
               industry smallint, chain_action smallint, estimated_investment_wan_yuan bigint,
               unit_code text, office_code text, follow_up_owner text, activity_id bigint,
               referrer_id bigint, collected_date text, status smallint, drop_reason text,
               project_id bigint, merged_into_id bigint, description text, version bigint,
               created_micros bigint, updated_micros bigint, responded_micros bigint,
               assessed_micros bigint, referrer_feedback_micros bigint,
               last_progress_micros bigint, respond_hours int, assess_hours int,
               referrer_feedback_hours int, progress_interval_days int)
LANGUAGE sql STABLE
AS $$
  SELECT l.id, l.title, l.enterprise_id, l.channel, l.industry, l.chain_action,
         l.estimated_investment_wan_yuan, l.unit_code, l.office_code, l.follow_up_owner,
         l.activity_id, l.referrer_id, to_char(l.collected_date, 'YYYY-MM-DD'),
         l.status, l.drop_reason, l.project_id, l.merged_into_id, l.description, l.version,
         (extract(epoch FROM l.created_at) * 1000000)::bigint,
         (extract(epoch FROM l.updated_at) * 1000000)::bigint,
         (extract(epoch FROM l.responded_at) * 1000000)::bigint,
         (extract(epoch FROM l.assessed_at) * 1000000)::bigint,
         (extract(epoch FROM l.referrer_feedback_at) * 1000000)::bigint,
         (extract(epoch FROM l.last_progress_at) * 1000000)::bigint,
         t.respond_hours, t.assess_hours, t.referrer_feedback_hours, t.progress_interval_days
  FROM lead_time_limits t
$$;

-- An activity: its columns, its dates as YYYY-MM-DD, its instants in
-- microseconds, and the enterprises it met as one array (so a page of
-- activities is one statement).
CREATE FUNCTION activity_read(a activities)
RETURNS TABLE (id bigint, kind smallint, title text, unit_code text, office_code text,
               leader_code text, destination text, start_date text, end_date text, notes text,
               version bigint, created_micros bigint, updated_micros bigint,
               enterprise_ids bigint[])
LANGUAGE sql STABLE
AS $$
  SELECT a.id, a.kind, a.title, a.unit_code, a.office_code, a.leader_code, a.destination,
         to_char(a.start_date, 'YYYY-MM-DD'), to_char(a.end_date, 'YYYY-MM-DD'),
         a.notes, a.version,
         (extract(epoch FROM a.created_at) * 1000000)::bigint,
         (extract(epoch FROM a.updated_at) * 1000000)::bigint,
         ARRAY(SELECT ae.enterprise_id FROM activity_enterprises ae
               WHERE ae.activity_id = a.id ORDER BY ae.enterprise_id)
$$;
