-- Columns without an alias: a column keeps its name, any other expression is
-- EXPR$<0-based position>.  Aggregates of expressions.
CREATE SOURCE t (
  g  VARCHAR,
  ts TIMESTAMP,
  i  INT,
  d  DOUBLE,
  s  VARCHAR,
  t  TIMESTAMP,
  WATERMARK FOR ts AS ts
) WITH (connector = 'file', path = 'agg.jsonl', format = 'json');

SELECT g, window_start, COUNT(*), SUM(i * 2) + 1, MAX(UPPER(s)), MIN(d) AS mind
FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, g;
