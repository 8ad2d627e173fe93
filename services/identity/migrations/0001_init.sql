-- The identity service's schema: accounts (audited like every service's
-- records), and beside them what must never reach the audit trail or the
-- log: password hashes, session secret hashes, sign-in throttling. Sign-in
-- events are themselves the audit of signing in. Enum columns hold proto
-- numbers.

CREATE TABLE idempotency_keys (
  request_id   text PRIMARY KEY,
  method       text NOT NULL,
  request_hash text NOT NULL,
  response     bytea,
  principal    text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE accounts (
  user_name                text PRIMARY KEY,
  display_name             text NOT NULL,
  kind                     smallint NOT NULL,
  unit_code                text NOT NULL DEFAULT '',
  leader_code              text NOT NULL DEFAULT '',
  active                   boolean NOT NULL DEFAULT true,
  password_change_required boolean NOT NULL DEFAULT true,
  password_changed_at      timestamptz NOT NULL DEFAULT now(),
  created_at               timestamptz NOT NULL DEFAULT now(),
  updated_at               timestamptz NOT NULL DEFAULT now(),
  version                  bigint NOT NULL DEFAULT 1,
  -- Keyset order of lists (newest first).
  number                   bigserial UNIQUE,
  -- The audit trail names records by "id".
  id                       text GENERATED ALWAYS AS (user_name) STORED
);
CREATE INDEX accounts_unit ON accounts (unit_code, user_name);

-- Argon2id strings as libsodium's crypto_pwhash_str writes them (algorithm,
-- parameters, salt and hash in one), so parameters can grow per password.
CREATE TABLE account_passwords (
  user_name text PRIMARY KEY REFERENCES accounts (user_name),
  hash      text NOT NULL
);

-- Consecutive failed sign-ins and the lockout they caused (see
-- sign_in_rules.h); cleared by a successful sign-in or a reset.
CREATE TABLE sign_in_throttle (
  user_name    text PRIMARY KEY REFERENCES accounts (user_name),
  failures     int NOT NULL,
  window_start timestamptz NOT NULL,
  locked_until timestamptz
);

CREATE TABLE sessions (
  id             text PRIMARY KEY,           -- public handle, 32 hex
  secret_hash    bytea NOT NULL UNIQUE,      -- SHA-256 of the secret
  user_name      text NOT NULL REFERENCES accounts (user_name),
  created_at     timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL,
  last_used_at   timestamptz NOT NULL DEFAULT now(),
  client_address text NOT NULL DEFAULT '',
  revoked_at     timestamptz,
  revoked_reason text NOT NULL DEFAULT ''    -- SIGNED_OUT, ACCOUNT_DISABLED, PASSWORD_RESET …
);
CREATE INDEX sessions_live ON sessions (user_name) WHERE revoked_at IS NULL;

CREATE TABLE sign_in_events (
  id             bigserial PRIMARY KEY,
  at             timestamptz NOT NULL DEFAULT now(),
  user_name      text NOT NULL,
  outcome        smallint NOT NULL,
  client_address text NOT NULL DEFAULT '',
  user_agent     text NOT NULL DEFAULT '',
  session_id     text NOT NULL DEFAULT ''
);
CREATE INDEX sign_in_events_user ON sign_in_events (user_name, id);
