-- EMIT ON WINDOW CLOSE (dialect.md "Queries"): the default emission, written
-- out; accepted after HAVING and before LIMIT, in both window forms, with the
-- same rows as without it (hop_legacy / hop_tvf).
CREATE SOURCE w (
  k  VARCHAR,
  ts TIMESTAMP(3),
  v  INT,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (connector = 'file', path = 'w.csv', format = 'csv');

SELECT window_start, window_end, k, SUM(v) AS s
FROM TABLE(HOP(TABLE w, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND))
GROUP BY window_start, window_end, k
EMIT ON WINDOW CLOSE;

SELECT k, TUMBLE_START(ts, INTERVAL '10' SECOND) AS ws, COUNT(*) AS c
FROM w
GROUP BY k, TUMBLE(ts, INTERVAL '10' SECOND)
HAVING COUNT(*) > 1
emit on window close
LIMIT 2;
