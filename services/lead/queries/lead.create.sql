-- CreateLead in one statement (see "One-statement mutations" in
-- common/idempotency.h): the checks (c), and only when they all pass the
-- lead (l), its first status change (h) and the request id's record
-- (record). Answers with the lead's columns (none when refused), then the
-- checks' (e_id … o_owner), which say why a refused lead was refused.
-- $1 title, $2 enterprise_id, $3 channel, $4 industry, $5 chain_action,
-- $6 estimated_investment_wan_yuan, $7 unit_code, $8 office_code,
-- $9 follow_up_owner, $10 activity_id, $11 referrer_id, $12 collected_date,
-- $13 description, $14 the creating principal; the claim: $15 request_id,
-- $16 method, $17 request_hash, $18 principal, $19 on_behalf_of.
WITH claim AS (
  -- Tags the statement for the audit triggers (common/security/audit.h).
  SELECT set_config('zs.request_id', $15, true) AS request_id,
         set_config('zs.method', $16, true) AS method,
         $17::text AS request_hash,
         set_config('zs.principal', $18, true) AS principal,
         set_config('zs.on_behalf_of', $19, true) AS on_behalf_of),
c AS (
  -- The enterprise, activity and referrer the lead names, and the
  -- enterprise's open lead (an enterprise has at most one).
  SELECT e.id AS e_id, e.merged_into_id AS e_merged,
         $10::bigint IS NULL OR EXISTS (SELECT 1 FROM activities WHERE id = $10) AS a_ok,
         $11::bigint IS NULL OR EXISTS (SELECT 1 FROM referrers WHERE id = $11) AS r_ok,
         o.id AS o_id, o.title AS o_title, o.owner AS o_owner
  FROM (VALUES (1)) AS one
  LEFT JOIN enterprises e ON e.id = $2
  LEFT JOIN LATERAL (
    SELECT id, title, COALESCE(unit_code, office_code) AS owner
    FROM leads
    WHERE enterprise_id = $2 AND status IN ({{zhaoshang.lead.v1.LEAD_STATUS_NEW}}, {{zhaoshang.lead.v1.LEAD_STATUS_FOLLOWING}})
    ORDER BY id
    LIMIT 1) o ON true),
l AS (
  INSERT INTO leads (title, enterprise_id, channel, industry, chain_action,
                     estimated_investment_wan_yuan, unit_code, office_code, follow_up_owner,
                     activity_id, referrer_id, collected_date, status, description, responded_at)
  SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, {{zhaoshang.lead.v1.LEAD_STATUS_NEW}}, $13,
         CASE WHEN $9 <> '' THEN now() END
  FROM c, claim
  WHERE c.e_id IS NOT NULL AND c.e_merged IS NULL AND c.a_ok AND c.r_ok AND c.o_id IS NULL
  RETURNING *),
h AS (
  INSERT INTO lead_status_history (lead_id, from_status, to_status, changed_by, reason,
                                   effective_date)
  SELECT id, {{zhaoshang.lead.v1.LEAD_STATUS_UNSPECIFIED}}, {{zhaoshang.lead.v1.LEAD_STATUS_NEW}}, $14, 'created', collected_date
  FROM l),
record AS (
  -- A request id recorded before makes this insert fail, undoing it all.
  INSERT INTO idempotency_keys (request_id, method, request_hash, principal, response_row)
  SELECT claim.request_id, claim.method, claim.request_hash, claim.principal, to_jsonb(l)
  FROM claim, l)
SELECT r.*, c.*
FROM c LEFT JOIN (l CROSS JOIN LATERAL lead_read(l::leads) r) ON true
