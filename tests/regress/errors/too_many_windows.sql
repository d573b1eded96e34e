-- A CUMULATE step so small for its size that each row would fall in about
-- 2.6e14 windows: the query never finished (a hang).  More than 100000 windows
-- per row (HOP or CUMULATE) is an error at the slide or step.
CREATE SOURCE t (id VARCHAR, ts TIMESTAMP, WATERMARK FOR ts AS ts)
WITH (connector = 'file', path = 'e.csv', format = 'csv');
SELECT window_start, COUNT(*) AS c
FROM TABLE(CUMULATE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MILLISECOND, INTERVAL '3000000' DAY))
GROUP BY window_start, window_end;
