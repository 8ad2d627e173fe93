-- Creates and renames of names sharing a core ($1) take turns until the
-- transaction ends, so 上海X商贸 and X商贸 cannot both pass the identity
-- check at the same moment.
SELECT pg_advisory_xact_lock(hashtext('enterprise-core:' || $1))
