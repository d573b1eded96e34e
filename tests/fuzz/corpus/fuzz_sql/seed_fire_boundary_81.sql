-- A window [s, e) fires exactly when W >= e: W = 09.999 keeps [00,10) open (the second
-- @09.999 counts), W = 10.000 fires it, so the last @09.999 is late.  An end of 10.000
-- belongs to the next window.
CREATE SOURCE t (ts TIMESTAMP, v INT, WATERMARK FOR ts AS ts)
WITH (connector = 'file', path = 'boundary.csv', format = 'csv');
SELECT window_start, window_end, COUNT(*) AS c, SUM(v) AS s
FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
