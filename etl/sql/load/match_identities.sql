-- The identity matching rules, as a table macro that loads and re-matches share: identity_matches('<table>')
-- is every row of that table or view (it needs source_employee_id, source_external_id and source_email) plus
-- matched_employee_id and matched_by. Order: employee id, then external id (as an employee id), then an id
-- mapped by hand (identity_aliases 'external_id' covers either id column), then email (a roster email held
-- by exactly one person, then a mapped email). Never by name.
-- A TEMP macro: etl.warehouse.create_schema defines it on every connection that writes; nothing is stored.
-- Learning loads match each distinct identity of their file once (staged_identity_matches.sql) and insert
-- their rows with the answer; rematch_identities.sql matches every record again after a roster load, a
-- mapping or an undo.
CREATE OR REPLACE TEMP MACRO identity_matches(source_table) AS TABLE
SELECT
    r.*,
    coalesce(by_id.employee_id, by_ext.employee_id, by_ext_alias.employee_id, by_id_alias.employee_id,
             by_email.employee_id, by_email_alias.employee_id) AS matched_employee_id,
    CASE
        WHEN by_id.employee_id IS NOT NULL THEN 'employee_id'
        WHEN by_ext.employee_id IS NOT NULL THEN 'external_id'
        WHEN by_ext_alias.employee_id IS NOT NULL THEN 'alias'
        WHEN by_id_alias.employee_id IS NOT NULL THEN 'alias'
        WHEN by_email.employee_id IS NOT NULL THEN 'email'
        WHEN by_email_alias.employee_id IS NOT NULL THEN 'alias'
    END AS matched_by
FROM query_table(source_table) AS r
LEFT JOIN employees AS by_id ON by_id.employee_id = r.source_employee_id
LEFT JOIN employees AS by_ext ON by_ext.employee_id = r.source_external_id
LEFT JOIN identity_aliases AS by_ext_alias
    ON by_ext_alias.identity_type = 'external_id'
   AND by_ext_alias.identity_value = lower(trim(r.source_external_id))
LEFT JOIN identity_aliases AS by_id_alias
    ON by_id_alias.identity_type = 'external_id'
   AND by_id_alias.identity_value = lower(trim(r.source_employee_id))
LEFT JOIN (
    SELECT email, min(employee_id) AS employee_id FROM employees
    WHERE email IS NOT NULL GROUP BY email HAVING count(*) = 1
) AS by_email ON by_email.email = r.source_email
LEFT JOIN identity_aliases AS by_email_alias
    ON by_email_alias.identity_type = 'email' AND by_email_alias.identity_value = r.source_email;
