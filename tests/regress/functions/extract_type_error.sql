-- EXTRACT needs a TIMESTAMP.
CREATE SOURCE t (id INT, s VARCHAR, p VARCHAR, n INT, m INT, x DOUBLE, ts TIMESTAMP, b BOOLEAN)
WITH (connector = 'file', path = 'f.jsonl', format = 'json');
SELECT EXTRACT(YEAR FROM s) AS bad FROM t;
