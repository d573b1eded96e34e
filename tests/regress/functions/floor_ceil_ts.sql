-- FLOOR(ts TO unit) / CEIL(ts TO unit): the period start at or before / the boundary at
-- or after ts.  Weeks start on Sunday (Flink).  A ts already on a boundary is unchanged.
CREATE SOURCE t (id INT, s VARCHAR, p VARCHAR, n INT, m INT, x DOUBLE, ts TIMESTAMP, b BOOLEAN)
WITH (connector = 'file', path = 'f.jsonl', format = 'json');
SELECT id, FLOOR(ts TO SECOND) AS fs, CEIL(ts TO SECOND) AS cs, FLOOR(ts TO MINUTE) AS fmi,
       CEIL(ts TO HOUR) AS ch, FLOOR(ts TO DAY) AS fd, CEIL(ts TO DAY) AS cd, FLOOR(ts TO WEEK) AS fw,
       CEIL(ts TO WEEK) AS cw, FLOOR(ts TO MONTH) AS fm, CEIL(ts TO MONTH) AS cm,
       FLOOR(ts TO QUARTER) AS fq, CEIL(ts TO QUARTER) AS cq, FLOOR(ts TO YEAR) AS fy, CEIL(ts TO YEAR) AS cy
FROM t;
