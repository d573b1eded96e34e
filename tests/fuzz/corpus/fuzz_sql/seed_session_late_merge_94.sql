-- SESSION gap 4 s, watermark 5 s behind.  Row by row (W = watermark after the row):
--   x@10 W=05 -> x[10,14);  x@16 W=11 -> x[16,20);
--   x@13 (out of order) [13,17) overlaps both open sessions: they merge into x[10,20), 3 rows;
--   y@30 W=25 -> x[10,20) fires;  x@12: [12,16) ends <= 25 -> late, dropped;
--   x@22: [22,26) ends after 25 -> a new session.  End of input fires the rest.
CREATE SOURCE s (
  k  VARCHAR,
  ts TIMESTAMP,
  v  INT,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (connector = 'file', path = 'session_late.csv', format = 'csv');

SELECT window_start, window_end, k, COUNT(*) AS c, SUM(v) AS s
FROM TABLE(SESSION(TABLE s PARTITION BY k, DESCRIPTOR(ts), INTERVAL '4' SECOND))
GROUP BY window_start, window_end, k;
