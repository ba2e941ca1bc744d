-- employee_for_email: the current employees whose roster email is $email (trimmed, case-insensitive).
-- Current = not terminated on or before $as_of. Sign-in uses it to recognise a manager; the caller accepts
-- exactly one id and treats none or several as "nobody".
SELECT DISTINCT employee_id
FROM employees
WHERE lower(trim(email)) = lower(trim($email::VARCHAR))
  AND (termination_date IS NULL OR termination_date > $as_of::DATE)
ORDER BY employee_id
