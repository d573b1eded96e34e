-- A literal outside INT's range is an SQL error too (Flink would wrap around).
CREATE SOURCE t (id INT, s VARCHAR, p VARCHAR, n INT, m INT, x DOUBLE, ts TIMESTAMP, b BOOLEAN)
WITH (connector = 'file', path = 'f.jsonl', format = 'json');
SELECT CAST(3000000000 AS INT) AS bad FROM t;
