-- LIMIT on a windowed aggregate counts output rows (in emission order).
CREATE SOURCE w (k VARCHAR, ts TIMESTAMP(3), v INT, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH (connector = 'file', path = 'w.csv', format = 'csv');
SELECT window_start, k, SUM(v) AS s
FROM TABLE(TUMBLE(TABLE w, DESCRIPTOR(ts), INTERVAL '5' SECOND))
GROUP BY window_start, window_end, k
LIMIT 3;
