-- A lead's collected_date (YYYY-MM-DD). $1 id.
SELECT to_char(collected_date, 'YYYY-MM-DD') AS collected_date FROM leads WHERE id = $1
