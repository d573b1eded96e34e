-- CUMULATE step 5 s, size 15 s, ascending watermark.  @12 fires [00,05) and [00,10);
-- @07 is late for [00,10) but still counts in [00,15).
CREATE SOURCE t (ts TIMESTAMP, v INT, WATERMARK FOR ts AS ts)
WITH (connector = 'file', path = 'partial.csv', format = 'csv');
SELECT window_start, window_end, COUNT(*) AS c, SUM(v) AS s
FROM TABLE(CUMULATE(TABLE t, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '15' SECOND))
GROUP BY window_start, window_end;
