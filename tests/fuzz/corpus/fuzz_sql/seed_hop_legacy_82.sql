-- HOP legacy form: slide 5 s, size 10 s (overlapping windows).
CREATE SOURCE w (
  k  VARCHAR,
  ts TIMESTAMP(3),
  v  INT,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (connector = 'file', path = 'w.csv', format = 'csv');

SELECT k,
       HOP_START(ts, INTERVAL '5' SECOND, INTERVAL '10' SECOND) AS ws,
       HOP_END(ts, INTERVAL '5' SECOND, INTERVAL '10' SECOND) AS we,
       SUM(v) AS s
FROM w
GROUP BY HOP(ts, INTERVAL '5' SECOND, INTERVAL '10' SECOND), k;
