-- Non-windowed GROUP BY: a changelog.  +I for a new group, -U (old) then +U (new)
-- when the visible row changes; a,0 leaves SUM at 4, so it emits nothing.
CREATE SOURCE t (k VARCHAR, v INT)
WITH (connector = 'file', path = 'cl.csv', format = 'csv');

SELECT k, SUM(v) AS s FROM t GROUP BY k;
