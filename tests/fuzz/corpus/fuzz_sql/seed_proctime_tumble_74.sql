-- Processing-time TUMBLE with the simulated clock: row i (0-based) has
-- pt = 10:00:00 + i s, so 2-second windows hold rows {0,1}, {2,3}, {4}.
SET 'debug.proctime.start' = '2024-05-11 10:00:00';
SET 'debug.proctime.step' = '1000';
CREATE SOURCE t (k VARCHAR, v INT, pt AS PROCTIME())
WITH (connector = 'file', path = 'p.csv', format = 'csv');
SELECT k, TUMBLE_START(pt, INTERVAL '2' SECOND) AS ws, SUM(v) AS s
FROM t GROUP BY k, TUMBLE(pt, INTERVAL '2' SECOND);
