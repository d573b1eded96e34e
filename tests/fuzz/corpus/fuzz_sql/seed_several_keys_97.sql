-- Two keys, one VARCHAR and one INT: rows of a window come out by k1, then k2
-- numerically (1, 2, 10; not as strings).
CREATE SOURCE t (
  k1 VARCHAR,
  k2 INT,
  ts TIMESTAMP,
  v  INT,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (connector = 'file', path = 'keys.csv', format = 'csv');

SELECT k1, k2, TUMBLE_START(ts, INTERVAL '10' SECOND) AS ws, SUM(v) AS s
FROM t
GROUP BY k1, k2, TUMBLE(ts, INTERVAL '10' SECOND);
