-- Referrers of enterprise $2 now belong to enterprise $1.
UPDATE referrers SET enterprise_id = $1, version = version + 1 WHERE enterprise_id = $2
