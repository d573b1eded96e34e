-- TO_TIMESTAMP_LTZ takes precision 0 or 3 only (Flink's message).
CREATE SOURCE t (id INT, s VARCHAR, p VARCHAR, n INT, m INT, x DOUBLE, ts TIMESTAMP, b BOOLEAN)
WITH (connector = 'file', path = 'f.jsonl', format = 'json');
SELECT TO_TIMESTAMP_LTZ(n, 6) AS bad FROM t;
