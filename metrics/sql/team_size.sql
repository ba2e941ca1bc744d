-- team_size: people in scope in one team (0 when none), for suppressing a small team's drill-down.
WITH
-- include: _team_sizes
final AS (
    SELECT coalesce((SELECT team_size FROM team_sizes WHERE team = $team::VARCHAR), 0) AS team_size
)

SELECT * FROM final
