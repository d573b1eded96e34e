-- An input with a header and no rows: a window query prints its header only.
CREATE SOURCE t (k VARCHAR, ts TIMESTAMP, v INT, WATERMARK FOR ts AS ts)
WITH (connector = 'file', path = 'empty.csv', format = 'csv');
SELECT window_start, k, SUM(v) AS s
FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, k;
