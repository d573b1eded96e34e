-- A type error: VARCHAR + INT.
CREATE SOURCE t (id VARCHAR, ts TIMESTAMP, amount DOUBLE,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH (connector = 'file', path = 'e.csv', format = 'csv');
SELECT 'a' + 1 AS x FROM t;
