-- include: _people
-- Fragment. requirement_status as _requirement_status.sql defines it, read from the scratch table that
-- metrics/shared.py filled from that fragment with the same filters, under $requirement_status_scope.
-- queries.run uses this in place of _requirement_status on read-only connections. A one-person or one-team
-- call (focus_*) reads the table of its page-wide filters, whose rows cover more people than its own: such a
-- query must read it through requirements (joined to its people), as every narrowed query does.
requirement_status AS (
    SELECT * EXCLUDE (scope_id)
    FROM skillgrid_shared.main.requirement_status
    WHERE scope_id = $requirement_status_scope::BIGINT
),
