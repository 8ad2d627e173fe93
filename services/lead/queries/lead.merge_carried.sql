-- What merging lead $2 into lead $1 carries: the survivor's status, how many
-- time limits the duplicate met first (deadlines_met; a NULL is unmet) and
-- which fields the survivor lacks (fields).
SELECT s.status,
       coalesce(d.responded_at < coalesce(s.responded_at, 'infinity'), false)::int
       + coalesce(d.assessed_at < coalesce(s.assessed_at, 'infinity'), false)::int
       + coalesce(d.referrer_feedback_at < coalesce(s.referrer_feedback_at, 'infinity'),
                  false)::int AS deadlines_met,
       concat_ws(',',
         CASE WHEN s.referrer_id IS NULL AND d.referrer_id IS NOT NULL THEN 'referrer' END,
         CASE WHEN s.activity_id IS NULL AND d.activity_id IS NOT NULL THEN 'activity' END,
         CASE WHEN s.follow_up_owner = '' AND d.follow_up_owner <> '' THEN 'follow_up_owner' END,
         CASE WHEN s.description = '' AND d.description <> '' THEN 'description' END,
         CASE WHEN s.chain_action = {{zhaoshang.common.v1.CHAIN_ACTION_UNSPECIFIED}}
               AND d.chain_action <> {{zhaoshang.common.v1.CHAIN_ACTION_UNSPECIFIED}}
              THEN 'chain_action' END) AS fields
FROM leads s, leads d
WHERE s.id = $1 AND d.id = $2
