-- History naming enterprise $1 names enterprise $2.
UPDATE transitions SET enterprise_id = $2 WHERE enterprise_id = $1
