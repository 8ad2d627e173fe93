-- The lead service recorded project $1's conversion.
UPDATE projects SET lead_conversion_pending = false WHERE id = $1 AND lead_conversion_pending
