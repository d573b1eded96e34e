-- The same rows as late_bounded with an ascending watermark (W = max ts):
-- @05 still counts (W = 08 < 10), @11 fires [00,10) = 1+2+4, then @09 and @07 are late,
-- @25 fires [10,20) = 8+32, @19 late; end of input fires [20,30) = 128.
CREATE SOURCE t (
  k  VARCHAR,
  ts TIMESTAMP,
  v  INT,
  WATERMARK FOR ts AS ts
) WITH (connector = 'file', path = 'late.csv', format = 'csv');

SELECT window_start, window_end, COUNT(*) AS c, SUM(v) AS s
FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
