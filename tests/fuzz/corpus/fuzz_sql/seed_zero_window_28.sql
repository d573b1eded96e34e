-- A window size of zero.
CREATE SOURCE t (id VARCHAR, ts TIMESTAMP, amount DOUBLE,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH (connector = 'file', path = 'e.csv', format = 'csv');
SELECT window_start, COUNT(*) AS c
FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '0' SECOND))
GROUP BY window_start, window_end;
