-- TUMBLE, window table function form: same windows as tumble_legacy.
CREATE SOURCE w (
  k  VARCHAR,
  ts TIMESTAMP(3),
  v  INT,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (connector = 'file', path = 'w.csv', format = 'csv');

SELECT window_start, window_end, window_time, k, COUNT(*) AS c, SUM(v) AS s
FROM TABLE(TUMBLE(TABLE w, DESCRIPTOR(ts), INTERVAL '5' SECONDS))
GROUP BY window_start, window_end, window_time, k;
