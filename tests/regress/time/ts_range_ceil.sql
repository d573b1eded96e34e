-- FLOOR/CEIL(ts TO unit) must stay in range: CEIL of a time in 9999 to YEAR would be
-- 10000-01-01 (lines 2, 3), and FLOOR of 0000-01-01 (a Saturday) TO WEEK would be a
-- Sunday in year -1 (line 5): data errors, here skipped.
CREATE SOURCE t (id INT, ts TIMESTAMP(3), ms BIGINT, s VARCHAR)
WITH (connector = 'file', path = 'ts_range_top.csv', format = 'csv', on_error = 'skip');
SELECT id, CEIL(ts TO YEAR) AS y, CEIL(ts TO MILLISECOND) AS m, FLOOR(ts TO WEEK) AS w FROM t;
