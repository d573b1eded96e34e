-- HAVING on a column that is neither grouped nor aggregated.
CREATE SOURCE t (id VARCHAR, ts TIMESTAMP, amount DOUBLE,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH (connector = 'file', path = 'e.csv', format = 'csv');
SELECT id, COUNT(*) AS c FROM t GROUP BY id HAVING amount > 1;
