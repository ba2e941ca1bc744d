-- Re-match every current learning record to a person: employee id, then external id (as an employee id),
-- then an id mapped by hand (identity_aliases 'external_id' covers either id column), then email (roster
-- email, then a mapped email). Never by name. $only_loads: NULL re-matches every record (the roster or a
-- mapping changed); a list of load ids re-matches just those loads' records (a learning-only load cannot
-- change how earlier records match).
UPDATE learning_records AS r
SET employee_id = m.employee_id, match_method = m.match_method
FROM (
    SELECT r2.record_id,
        coalesce(by_id.employee_id, by_ext.employee_id, by_ext_alias.employee_id, by_id_alias.employee_id,
                 by_email.employee_id, by_email_alias.employee_id) AS employee_id,
        CASE
            WHEN by_id.employee_id IS NOT NULL THEN 'employee_id'
            WHEN by_ext.employee_id IS NOT NULL THEN 'external_id'
            WHEN by_ext_alias.employee_id IS NOT NULL THEN 'alias'
            WHEN by_id_alias.employee_id IS NOT NULL THEN 'alias'
            WHEN by_email.employee_id IS NOT NULL THEN 'email'
            WHEN by_email_alias.employee_id IS NOT NULL THEN 'alias'
        END AS match_method
    FROM learning_records AS r2
    LEFT JOIN employees AS by_id ON by_id.employee_id = r2.source_employee_id
    LEFT JOIN employees AS by_ext ON by_ext.employee_id = r2.source_external_id
    LEFT JOIN identity_aliases AS by_ext_alias
        ON by_ext_alias.identity_type = 'external_id'
       AND by_ext_alias.identity_value = lower(trim(r2.source_external_id))
    LEFT JOIN identity_aliases AS by_id_alias
        ON by_id_alias.identity_type = 'external_id'
       AND by_id_alias.identity_value = lower(trim(r2.source_employee_id))
    LEFT JOIN (
        SELECT email, min(employee_id) AS employee_id FROM employees
        WHERE email IS NOT NULL GROUP BY email HAVING count(*) = 1
    ) AS by_email ON by_email.email = r2.source_email
    LEFT JOIN identity_aliases AS by_email_alias
        ON by_email_alias.identity_type = 'email' AND by_email_alias.identity_value = r2.source_email
    WHERE $only_loads::INTEGER[] IS NULL OR list_contains($only_loads::INTEGER[], r2.load_id)
) AS m
WHERE r.record_id = m.record_id
  AND (r.employee_id IS DISTINCT FROM m.employee_id OR r.match_method IS DISTINCT FROM m.match_method);
