-- A new password hash $2 for account $1, which must (or need not, $3)
-- change it at the next sign-in; any lockout ends. No row: no such account.
WITH account AS (
  UPDATE accounts
  SET password_change_required = $3, password_changed_at = now(), updated_at = now(),
      version = version + 1
  WHERE user_name = $1
  RETURNING user_name),
cleared AS (
  DELETE FROM sign_in_throttle WHERE user_name IN (SELECT user_name FROM account))
UPDATE account_passwords SET hash = $2
WHERE user_name IN (SELECT user_name FROM account)
RETURNING user_name
