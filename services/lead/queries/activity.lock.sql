-- An activity to update, locked until the transaction ends. $1 id.
SELECT a.id, a.kind, a.title, a.unit_code, a.office_code, a.leader_code, a.destination,
       to_char(a.start_date, 'YYYY-MM-DD') AS start_date,
       to_char(a.end_date, 'YYYY-MM-DD') AS end_date,
       a.notes, a.version,
       (extract(epoch FROM a.created_at) * 1000000)::bigint AS created_micros,
       (extract(epoch FROM a.updated_at) * 1000000)::bigint AS updated_micros,
       -- The enterprises met, as one array, so a page of activities is one query.
       ARRAY(SELECT ae.enterprise_id FROM activity_enterprises ae
             WHERE ae.activity_id = a.id ORDER BY ae.enterprise_id) AS enterprise_ids
FROM activities a
WHERE a.id = $1
FOR UPDATE
