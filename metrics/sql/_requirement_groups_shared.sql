-- Fragment. requirement_groups as _requirement_groups.sql defines it, read from the scratch table that
-- metrics/shared.py filled from that fragment with the same filters, under $requirement_groups_scope.
-- queries.run uses this in place of _requirement_groups on read-only connections; a one-team or one-person
-- call (focus_*) computes its own in full instead, as these rows cannot be narrowed to one person.
requirement_groups AS (
    SELECT * EXCLUDE (scope_id)
    FROM skillgrid_shared.main.requirement_groups
    WHERE scope_id = $requirement_groups_scope::BIGINT
),
