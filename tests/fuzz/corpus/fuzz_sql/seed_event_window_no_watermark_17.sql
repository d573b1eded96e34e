-- An event-time window over a column of a source without a WATERMARK.
CREATE SOURCE t (id VARCHAR, ts TIMESTAMP)
WITH (connector = 'file', path = 'e.csv', format = 'csv');
SELECT id, COUNT(*) AS c FROM t GROUP BY id, TUMBLE(ts, INTERVAL '10' SECOND);
