-- Canonical source of tongban_urgency: the rank a light sorts by, most urgent first (red 0, yellow 1,
-- green 2, no light 3). The write function stores it on open tasks (tasks.urgency) so that a
-- worklist is read most urgent first in index order. Change it only with a migration that also
-- recomputes tasks.urgency; src/sql/write-function-drift.test.ts holds this file equal to the newest
-- migration that defines it.
CREATE OR REPLACE FUNCTION tongban_urgency(light text) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (CASE light WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 WHEN 'green' THEN 2 ELSE 3 END)::smallint
$$;
