-- Records who merged what. $1 kind (Merge.Kind), $2 survivor_id,
-- $3 duplicate_id, $4 reason, $5 merged_by, $6 moved_summary.
INSERT INTO merges (kind, survivor_id, duplicate_id, reason, merged_by, moved_summary)
VALUES ($1, $2, $3, $4, $5, $6)
RETURNING id, kind, survivor_id, duplicate_id, reason, merged_by, moved_summary,
          (extract(epoch FROM created_at) * 1000000)::bigint AS created_micros
