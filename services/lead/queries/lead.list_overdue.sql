-- A page of open leads past a deadline, newest first: the rules of
-- ComputeDeadlines (lead_rules.h) in SQL, so the list pages correctly.
-- $1 unit_code, $2 office_code (NULL: any), $3 the LeadDeadline.Kind
-- (KIND_UNSPECIFIED: any), $4 below this id (the page token), $5 rows.
SELECT r.*
FROM leads l CROSS JOIN lead_time_limits t CROSS JOIN LATERAL lead_read(l) r
WHERE l.status IN ({{zhaoshang.lead.v1.LEAD_STATUS_NEW}}, {{zhaoshang.lead.v1.LEAD_STATUS_FOLLOWING}})
  AND ($1::text IS NULL OR l.unit_code = $1)
  AND ($2::text IS NULL OR l.office_code = $2)
  AND ((($3 = {{zhaoshang.lead.v1.LeadDeadline.KIND_UNSPECIFIED}}
         OR $3 = {{zhaoshang.lead.v1.LeadDeadline.KIND_RESPOND}})
        AND l.responded_at IS NULL
        AND l.created_at + make_interval(hours => t.respond_hours) < now())
    OR (($3 = {{zhaoshang.lead.v1.LeadDeadline.KIND_UNSPECIFIED}}
         OR $3 = {{zhaoshang.lead.v1.LeadDeadline.KIND_ASSESS}})
        AND l.assessed_at IS NULL
        AND l.created_at + make_interval(hours => t.assess_hours) < now())
    OR (($3 = {{zhaoshang.lead.v1.LeadDeadline.KIND_UNSPECIFIED}}
         OR $3 = {{zhaoshang.lead.v1.LeadDeadline.KIND_REFERRER_FEEDBACK}})
        AND l.referrer_id IS NOT NULL
        AND l.referrer_feedback_at IS NULL
        AND l.created_at + make_interval(hours => t.referrer_feedback_hours) < now())
    OR (($3 = {{zhaoshang.lead.v1.LeadDeadline.KIND_UNSPECIFIED}}
         OR $3 = {{zhaoshang.lead.v1.LeadDeadline.KIND_PROGRESS_REPORT}})
        AND COALESCE(l.last_progress_at, l.created_at)
            + make_interval(days => t.progress_interval_days) < now()))
  AND ($4::bigint IS NULL OR l.id < $4)
ORDER BY l.id DESC
LIMIT $5
