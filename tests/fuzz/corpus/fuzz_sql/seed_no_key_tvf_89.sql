-- A window with no key, table function form.
CREATE SOURCE w (
  k  VARCHAR,
  ts TIMESTAMP(3),
  v  INT,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (connector = 'file', path = 'w.csv', format = 'csv');

SELECT window_start, window_end, COUNT(*) AS c, MAX(v) AS m
FROM TABLE(TUMBLE(TABLE w, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
