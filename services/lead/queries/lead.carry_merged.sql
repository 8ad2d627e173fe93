-- Survivor $1 takes what duplicate $2 knew and achieved: the time limits it
-- met (the earliest meeting counts; LEAST and GREATEST skip NULLs), its
-- progress, what the survivor lacks, and following when $3 (follow-ups
-- moved to it) finds it new.
UPDATE leads s
SET version = s.version + 1, updated_at = now(),
    responded_at = LEAST(s.responded_at, d.responded_at),
    assessed_at = LEAST(s.assessed_at, d.assessed_at),
    referrer_feedback_at = LEAST(s.referrer_feedback_at, d.referrer_feedback_at),
    last_progress_at = GREATEST(s.last_progress_at, d.last_progress_at,
                                (SELECT max(created_at) FROM follow_ups WHERE lead_id = s.id)),
    referrer_id = COALESCE(s.referrer_id, d.referrer_id),
    activity_id = COALESCE(s.activity_id, d.activity_id),
    follow_up_owner = CASE WHEN s.follow_up_owner = '' THEN d.follow_up_owner
                           ELSE s.follow_up_owner END,
    description = CASE WHEN s.description = '' THEN d.description ELSE s.description END,
    chain_action = CASE WHEN s.chain_action = {{zhaoshang.common.v1.CHAIN_ACTION_UNSPECIFIED}}
                        THEN d.chain_action ELSE s.chain_action END,
    status = CASE WHEN s.status = {{zhaoshang.lead.v1.LEAD_STATUS_NEW}} AND $3
                  THEN {{zhaoshang.lead.v1.LEAD_STATUS_FOLLOWING}} ELSE s.status END
FROM leads d
WHERE s.id = $1 AND d.id = $2
