-- Text that is not a BOOLEAN word fails the cast of a row's value.
CREATE SOURCE t (id INT, s VARCHAR, p VARCHAR, n INT, m INT, x DOUBLE, ts TIMESTAMP, b BOOLEAN)
WITH (connector = 'file', path = 'f.jsonl', format = 'json');
SELECT id, CAST(p AS BOOLEAN) AS bad FROM t;
