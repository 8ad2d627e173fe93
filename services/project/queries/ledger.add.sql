-- A ledger entry. $1 project_id, $2 kind, $3 entry_date, $4 content,
-- $5 author.
INSERT INTO ledger_entries (project_id, kind, entry_date, content, author)
VALUES ($1, $2, $3, $4, $5)
RETURNING id, project_id, kind, to_char(entry_date, 'YYYY-MM-DD') AS entry_date, content, author,
          (extract(epoch FROM created_at) * 1000000)::bigint AS created_micros
