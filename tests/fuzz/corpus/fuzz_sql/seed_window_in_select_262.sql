-- A window function (TUMBLE) in SELECT without it in GROUP BY.
CREATE SOURCE t (id VARCHAR, ts TIMESTAMP, amount DOUBLE,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH (connector = 'file', path = 'e.csv', format = 'csv');
SELECT TUMBLE(ts, INTERVAL '10' SECOND) AS w FROM t;
