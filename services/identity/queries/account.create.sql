-- A new account (no row when the user name is taken). $1 user_name,
-- $2 display_name, $3 kind, $4 unit_code, $5 leader_code,
-- $6 password_change_required.
INSERT INTO accounts (user_name, display_name, kind, unit_code, leader_code,
                      password_change_required)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (user_name) DO NOTHING
RETURNING user_name
