-- What a follow-up does to its lead: following now, progress made; an
-- assessment or a referrer feedback meets that deadline the first time.
-- $1 lead_id, $2 the FollowUp.Kind.
UPDATE leads
SET status = {{zhaoshang.lead.v1.LEAD_STATUS_FOLLOWING}},
    last_progress_at = now(),
    assessed_at = CASE WHEN $2 = {{zhaoshang.lead.v1.FollowUp.KIND_ASSESSMENT}}
                       THEN COALESCE(assessed_at, now()) ELSE assessed_at END,
    referrer_feedback_at = CASE WHEN $2 = {{zhaoshang.lead.v1.FollowUp.KIND_REFERRER_FEEDBACK}}
                                THEN COALESCE(referrer_feedback_at, now())
                                ELSE referrer_feedback_at END,
    version = version + 1, updated_at = now()
WHERE id = $1
