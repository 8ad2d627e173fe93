-- Enterprise $1 takes part in every activity enterprise $2 took part in.
INSERT INTO activity_enterprises (activity_id, enterprise_id)
SELECT activity_id, $1 FROM activity_enterprises WHERE enterprise_id = $2
ON CONFLICT DO NOTHING
