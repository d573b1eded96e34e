-- SUM of INT is BIGINT, SUM of DOUBLE is DOUBLE (4.0 prints with .0), AVG is
-- always DOUBLE; NULL inputs are skipped; no non-NULL input gives NULL.
CREATE SOURCE t (
  g  VARCHAR,
  ts TIMESTAMP,
  i  INT,
  d  DOUBLE,
  s  VARCHAR,
  t  TIMESTAMP,
  WATERMARK FOR ts AS ts
) WITH (connector = 'file', path = 'agg.jsonl', format = 'json');

SELECT g, SUM(i) AS si, SUM(d) AS sd, AVG(i) AS ai, AVG(d) AS ad
FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, g;
