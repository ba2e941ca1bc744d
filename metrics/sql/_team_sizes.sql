-- include: _people
-- Fragment. team_sizes: people in scope per team, the size small-group suppression compares.
team_sizes AS (
    SELECT team, count(*) AS team_size
    FROM people
    GROUP BY team
),
