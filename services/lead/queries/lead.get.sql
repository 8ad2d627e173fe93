-- A lead with its time limits (the columns LeadFromRow reads). $1 id.
SELECT l.id, l.title, l.enterprise_id, l.channel, l.industry, l.chain_action,
       l.estimated_investment_wan_yuan, l.unit_code, l.office_code, l.follow_up_owner,
       l.activity_id, l.referrer_id, to_char(l.collected_date, 'YYYY-MM-DD') AS collected_date,
       l.status, l.drop_reason, l.project_id, l.merged_into_id, l.description, l.version,
       (extract(epoch FROM l.created_at) * 1000000)::bigint AS created_micros,
       (extract(epoch FROM l.updated_at) * 1000000)::bigint AS updated_micros,
       (extract(epoch FROM l.responded_at) * 1000000)::bigint AS responded_micros,
       (extract(epoch FROM l.assessed_at) * 1000000)::bigint AS assessed_micros,
       (extract(epoch FROM l.referrer_feedback_at) * 1000000)::bigint AS referrer_feedback_micros,
       (extract(epoch FROM l.last_progress_at) * 1000000)::bigint AS last_progress_micros,
       t.respond_hours, t.assess_hours, t.referrer_feedback_hours, t.progress_interval_days
FROM leads l CROSS JOIN lead_time_limits t
WHERE l.id = $1
