-- A legacy group window over a subquery in FROM.
CREATE SOURCE w (
  k  VARCHAR,
  ts TIMESTAMP(3),
  v  INT,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (connector = 'file', path = 'w.csv', format = 'csv');

SELECT q.k, TUMBLE_START(q.ts, INTERVAL '10' SECOND) AS ws, SUM(q.x) AS s
FROM (SELECT k, ts, v * 2 AS x FROM w WHERE k = 'b') AS q
GROUP BY q.k, TUMBLE(q.ts, INTERVAL '10' SECOND);
