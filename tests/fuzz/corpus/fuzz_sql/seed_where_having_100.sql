-- WHERE before the window, HAVING after it (TUMBLE 10 s, legacy form).
CREATE SOURCE w (
  k  VARCHAR,
  ts TIMESTAMP(3),
  v  INT,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (connector = 'file', path = 'w.csv', format = 'csv');

SELECT k, TUMBLE_START(ts, INTERVAL '10' SECOND) AS ws, SUM(v) AS s
FROM w
WHERE v > 1
GROUP BY k, TUMBLE(ts, INTERVAL '10' SECOND)
HAVING SUM(v) > 6;
