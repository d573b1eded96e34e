-- A window function in WHERE.
CREATE SOURCE t (id VARCHAR, ts TIMESTAMP, amount DOUBLE,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH (connector = 'file', path = 'e.csv', format = 'csv');
SELECT id FROM t WHERE TUMBLE(ts, INTERVAL '10' SECOND) IS NULL;
