-- An account's version, locked. $1 user_name.
SELECT version FROM accounts WHERE user_name = $1 FOR UPDATE
