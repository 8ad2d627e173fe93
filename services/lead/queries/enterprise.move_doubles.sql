-- Records that were doubles of merged enterprise $2 are now doubles of the
-- survivor $1, or no double at all when they are the survivor.
UPDATE enterprises SET double_of_id = CASE WHEN id = $1 THEN NULL ELSE $1 END
WHERE double_of_id = $2
