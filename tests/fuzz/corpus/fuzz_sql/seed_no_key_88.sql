-- A window with no key (legacy form): one row per window.
CREATE SOURCE w (
  k  VARCHAR,
  ts TIMESTAMP(3),
  v  INT,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (connector = 'file', path = 'w.csv', format = 'csv');

SELECT TUMBLE_START(ts, INTERVAL '10' SECOND) AS ws, COUNT(*) AS c, SUM(v) AS s
FROM w
GROUP BY TUMBLE(ts, INTERVAL '10' SECOND);
