-- A literal that does not convert is an SQL error at compile time (exit 1), pointing
-- at the CAST, before any row is read.
CREATE SOURCE t (id INT, s VARCHAR, p VARCHAR, n INT, m INT, x DOUBLE, ts TIMESTAMP, b BOOLEAN)
WITH (connector = 'file', path = 'f.jsonl', format = 'json');
SELECT id, CAST('12abc' AS INT) AS bad FROM t;
