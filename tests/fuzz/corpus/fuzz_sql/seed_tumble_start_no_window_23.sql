-- TUMBLE_START without a TUMBLE in GROUP BY.
CREATE SOURCE t (id VARCHAR, ts TIMESTAMP, amount DOUBLE,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH (connector = 'file', path = 'e.csv', format = 'csv');
SELECT id, TUMBLE_START(ts, INTERVAL '10' SECOND) AS ws, SUM(amount) AS s FROM t GROUP BY id;
