-- A new account's password hash. $1 user_name, $2 hash.
INSERT INTO account_passwords (user_name, hash) VALUES ($1, $2)
