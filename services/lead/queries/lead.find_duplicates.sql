-- Pairs of leads (not dropped or merged) whose enterprises are the same
-- record, share a credit code or a name key, or have similar names.
-- $1 pairs at most, $2 the least similarity.
SELECT la.id AS first_id, lb.id AS second_id,
       CASE WHEN la.enterprise_id = lb.enterprise_id THEN 'SAME_ENTERPRISE'
            WHEN ea.credit_code = eb.credit_code THEN 'SAME_CREDIT_CODE'
            WHEN ea.normalised_name = eb.normalised_name THEN 'SAME_NORMALISED_NAME'
            ELSE 'SIMILAR_NAME' END AS reason,
       CASE WHEN la.enterprise_id = lb.enterprise_id OR ea.credit_code = eb.credit_code
                 OR ea.normalised_name = eb.normalised_name THEN 1.0
            ELSE bigram_similarity(ea.name_bigrams, eb.name_bigrams) END AS similarity
FROM leads la
JOIN leads lb ON la.id < lb.id
JOIN enterprises ea ON ea.id = la.enterprise_id
JOIN enterprises eb ON eb.id = lb.enterprise_id
WHERE la.status IN ({{zhaoshang.lead.v1.LEAD_STATUS_NEW}},
                    {{zhaoshang.lead.v1.LEAD_STATUS_FOLLOWING}},
                    {{zhaoshang.lead.v1.LEAD_STATUS_CONVERTED}})
  AND lb.status IN ({{zhaoshang.lead.v1.LEAD_STATUS_NEW}},
                    {{zhaoshang.lead.v1.LEAD_STATUS_FOLLOWING}},
                    {{zhaoshang.lead.v1.LEAD_STATUS_CONVERTED}})
  AND (la.enterprise_id = lb.enterprise_id OR ea.credit_code = eb.credit_code
       OR ea.normalised_name = eb.normalised_name
       OR (ea.name_bigrams && eb.name_bigrams
           AND bigram_similarity(ea.name_bigrams, eb.name_bigrams) >= $2))
ORDER BY similarity DESC, la.id, lb.id
LIMIT $1
