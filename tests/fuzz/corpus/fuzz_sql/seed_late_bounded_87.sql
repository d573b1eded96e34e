-- Out-of-order rows inside the 2 s delay count; rows beyond it are late and dropped.
-- TUMBLE 10 s.  W after each row: 09:59:59, 06, 06, 09, 09 (row @09 still counts:
-- [00,10) is open while W < 10), 10 (fires [00,10) = 1+2+4+16), @07 late,
-- 23 (fires [10,20) = 8+32), @19 late; end of input fires [20,30) = 128.
CREATE SOURCE t (
  k  VARCHAR,
  ts TIMESTAMP,
  v  INT,
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) WITH (connector = 'file', path = 'late.csv', format = 'csv');

SELECT window_start, window_end, COUNT(*) AS c, SUM(v) AS s
FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
