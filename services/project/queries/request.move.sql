-- Enterprise request $1 is now in state $2 with resolution $3.
UPDATE enterprise_requests SET state = $2, resolution = $3, version = version + 1
WHERE id = $1
