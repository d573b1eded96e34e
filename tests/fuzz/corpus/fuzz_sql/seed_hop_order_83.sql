-- Several HOP windows fire at once (the row @30 moves W from 03 to 30): they come out
-- by window_end, then key ascending, whatever the input order (c, b, a).
CREATE SOURCE t (
  k  VARCHAR,
  ts TIMESTAMP,
  v  INT,
  WATERMARK FOR ts AS ts
) WITH (connector = 'file', path = 'hop_order.csv', format = 'csv');

SELECT window_start, window_end, k, SUM(v) AS s
FROM TABLE(HOP(TABLE t, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND))
GROUP BY window_start, window_end, k;
