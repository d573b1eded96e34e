-- A SESSION gap of zero.
CREATE SOURCE t (id VARCHAR, ts TIMESTAMP, amount DOUBLE,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH (connector = 'file', path = 'e.csv', format = 'csv');
SELECT id, COUNT(*) AS c FROM t GROUP BY id, SESSION(ts, INTERVAL '0' SECOND);
