-- One sign-in attempt. $1 user_name, $2 outcome, $3 client_address,
-- $4 user_agent, $5 session_id.
INSERT INTO sign_in_events (user_name, outcome, client_address, user_agent, session_id)
VALUES ($1, $2, $3, $4, $5)
