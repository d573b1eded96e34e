-- CUMULATE: step 5 s, max size 15 s.
CREATE SOURCE w (
  k  VARCHAR,
  ts TIMESTAMP(3),
  v  INT,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (connector = 'file', path = 'w.csv', format = 'csv');

SELECT window_start, window_end, k, COUNT(*) AS c, SUM(v) AS s
FROM TABLE(CUMULATE(TABLE w, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '15' SECOND))
GROUP BY window_start, window_end, k;
