-- CUMULATE whose size is not a multiple of its step.
CREATE SOURCE t (id VARCHAR, ts TIMESTAMP, WATERMARK FOR ts AS ts)
WITH (connector = 'file', path = 'e.csv', format = 'csv');
SELECT window_start, window_end, COUNT(*) AS c
FROM TABLE(CUMULATE(TABLE t, DESCRIPTOR(ts), INTERVAL '4' SECOND, INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
