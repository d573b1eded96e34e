-- A literal pattern with a letter weir does not support is an SQL error.
CREATE SOURCE t (id INT, s VARCHAR, p VARCHAR, n INT, m INT, x DOUBLE, ts TIMESTAMP, b BOOLEAN)
WITH (connector = 'file', path = 'f.jsonl', format = 'json');
SELECT DATE_FORMAT(ts, 'yyyy-MM-dd QQ') AS bad FROM t;
