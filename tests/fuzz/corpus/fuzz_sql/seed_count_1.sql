-- COUNT(*), COUNT(x) (non-NULL only) and COUNT(DISTINCT x), in a 1-minute window.
-- Group b has only NULLs: counts are 0, never NULL.
CREATE SOURCE t (
  g  VARCHAR,
  ts TIMESTAMP,
  i  INT,
  d  DOUBLE,
  s  VARCHAR,
  t  TIMESTAMP,
  WATERMARK FOR ts AS ts
) WITH (connector = 'file', path = 'agg.jsonl', format = 'json');

SELECT g, COUNT(*) AS n, COUNT(i) AS ni, COUNT(d) AS nd, COUNT(s) AS ns,
       COUNT(DISTINCT i) AS di, COUNT(DISTINCT s) AS ds
FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, g;
