-- PROCTIME() inside a larger expression is a plain TIMESTAMP value, not a time
-- attribute (as in Flink): its values are the clock (simulated: row i at
-- 10:00:00 + i s, plus the 1 s added), but a window over it is an error.
SET 'debug.proctime.start' = '2024-05-11 10:00:00';
SET 'debug.proctime.step' = '1000';
CREATE SOURCE t (k VARCHAR, v INT)
WITH (connector = 'file', path = 'p.csv', format = 'csv');
CREATE VIEW w AS SELECT *, PROCTIME() + INTERVAL '1' SECOND AS pt FROM t;
SELECT k, pt FROM w;
SELECT k, COUNT(*) AS c FROM w GROUP BY k, TUMBLE(pt, INTERVAL '2' SECOND);
