-- A new referrer. $1 kind, $2 name, $3 enterprise_id, $4 contact.
INSERT INTO referrers (kind, name, enterprise_id, contact)
VALUES ($1, $2, $3, $4)
RETURNING id
