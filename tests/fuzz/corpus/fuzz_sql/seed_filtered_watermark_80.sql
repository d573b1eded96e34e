-- Rows that WHERE drops still advance the watermark (it is the source's): the
-- dropped row @15 fires [00,10) with only @01 in it, so @05 is late.
CREATE SOURCE t (
  k  VARCHAR,
  ts TIMESTAMP,
  v  INT,
  WATERMARK FOR ts AS ts
) WITH (connector = 'file', path = 'filtered_watermark.csv', format = 'csv');

SELECT window_start, COUNT(*) AS c, SUM(v) AS s
FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND))
WHERE k <> 'z'
GROUP BY window_start, window_end;
