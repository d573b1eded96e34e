-- SESSION table function form: same sessions as session_legacy.
CREATE SOURCE w (
  k  VARCHAR,
  ts TIMESTAMP(3),
  v  INT,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (connector = 'file', path = 'w.csv', format = 'csv');

SELECT window_start, window_end, k, COUNT(*) AS c, SUM(v) AS s
FROM TABLE(SESSION(TABLE w PARTITION BY k, DESCRIPTOR(ts), INTERVAL '3' SECOND))
GROUP BY window_start, window_end, k;
