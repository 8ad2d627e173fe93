-- Writes an updated account. $1 user_name, $2 display_name, $3 kind,
-- $4 unit_code, $5 leader_code, $6 active.
UPDATE accounts
SET display_name = $2, kind = $3, unit_code = $4, leader_code = $5, active = $6,
    updated_at = now(), version = version + 1
WHERE user_name = $1
