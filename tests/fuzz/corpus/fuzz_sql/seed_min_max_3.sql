-- MIN and MAX of INT, DOUBLE, VARCHAR (by bytes: 'Zebra' < 'apple') and TIMESTAMP.
CREATE SOURCE t (
  g  VARCHAR,
  ts TIMESTAMP,
  i  INT,
  d  DOUBLE,
  s  VARCHAR,
  t  TIMESTAMP,
  WATERMARK FOR ts AS ts
) WITH (connector = 'file', path = 'agg.jsonl', format = 'json');

SELECT g, MIN(i) AS mini, MAX(i) AS maxi, MIN(d) AS mind, MAX(d) AS maxd,
       MIN(s) AS mins, MAX(s) AS maxs, MIN(t) AS mint, MAX(t) AS maxt
FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, g;
