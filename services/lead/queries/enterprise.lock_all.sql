-- Replicas starting together re-key once: the second waits, then finds
-- nothing stale.
LOCK TABLE enterprises IN SHARE ROW EXCLUSIVE MODE
