-- HOP slide 5 s, size 10 s, ascending watermark.  @12 moves W to 12 and fires
-- [09:55,10:05) and [10:00,10:10).  @07 then is late for [10:00,10:10) but still
-- counts in [10:05,10:15), which is open.
CREATE SOURCE t (ts TIMESTAMP, v INT, WATERMARK FOR ts AS ts)
WITH (connector = 'file', path = 'partial.csv', format = 'csv');
SELECT window_start, window_end, COUNT(*) AS c, SUM(v) AS s
FROM TABLE(HOP(TABLE t, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
