-- Processing-time windows in the table function form, and the pt column itself
-- (start 10:00:00, step 1.5 s: pt = 00.000, 01.500, 03.000, 04.500, 06.000).
SET 'debug.proctime.start' = '2024-05-11 10:00:00';
SET 'debug.proctime.step' = '1500';
CREATE SOURCE t (k VARCHAR, v INT, pt AS PROCTIME())
WITH (connector = 'file', path = 'p.csv', format = 'csv');
SELECT window_start, window_end, COUNT(*) AS c, SUM(v) AS s
FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(pt), INTERVAL '3' SECOND))
GROUP BY window_start, window_end;
SELECT k, pt FROM t;
