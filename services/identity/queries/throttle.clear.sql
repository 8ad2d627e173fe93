-- Account $1 signed in: its failures are forgotten.
DELETE FROM sign_in_throttle WHERE user_name = $1
