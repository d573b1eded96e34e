-- SESSION legacy form, gap 3 s per key.  Rows exactly 3 s apart (a at 01 and 04)
-- do NOT chain: only rows less than the gap apart do.
CREATE SOURCE w (
  k  VARCHAR,
  ts TIMESTAMP(3),
  v  INT,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (connector = 'file', path = 'w.csv', format = 'csv');

SELECT k,
       SESSION_START(ts, INTERVAL '3' SECOND) AS ws,
       SESSION_END(ts, INTERVAL '3' SECOND) AS we,
       SESSION_ROWTIME(ts, INTERVAL '3' SECOND) AS rt,
       COUNT(*) AS c,
       SUM(v) AS s
FROM w
GROUP BY k, SESSION(ts, INTERVAL '3' SECOND);
