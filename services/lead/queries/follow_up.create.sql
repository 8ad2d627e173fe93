-- Records a follow-up. $1 lead_id, $2 kind, $3 content, $4 author,
-- $5 follow_up_date.
INSERT INTO follow_ups (lead_id, kind, content, author, follow_up_date)
VALUES ($1, $2, $3, $4, $5)
RETURNING id, lead_id, kind, content, author,
          to_char(follow_up_date, 'YYYY-MM-DD') AS follow_up_date,
          (extract(epoch FROM created_at) * 1000000)::bigint AS created_micros
