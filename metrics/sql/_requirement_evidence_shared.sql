-- include: _evidence
-- Fragment. requirement_evidence as _requirement_evidence.sql defines it, read from the scratch table that
-- metrics/shared.py filled from that fragment with the same filters, under $requirement_evidence_scope.
-- queries.run uses this in place of _requirement_evidence on read-only connections.
requirement_evidence AS (
    SELECT * EXCLUDE (scope_id)
    FROM skillgrid_shared.main.requirement_evidence
    WHERE scope_id = $requirement_evidence_scope::BIGINT
),
