-- MOD by zero with integers is a data error naming the input row (like / and %).
CREATE SOURCE t (id INT, s VARCHAR, p VARCHAR, n INT, m INT, x DOUBLE, ts TIMESTAMP, b BOOLEAN)
WITH (connector = 'file', path = 'f.jsonl', format = 'json');
SELECT id, MOD(n, m - m) AS boom FROM t;
