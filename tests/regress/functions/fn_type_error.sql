-- A function given the wrong type is an SQL error naming the function, what it
-- expects and the type it got, pointing at the argument.
CREATE SOURCE t (id INT, s VARCHAR, p VARCHAR, n INT, m INT, x DOUBLE, ts TIMESTAMP, b BOOLEAN)
WITH (connector = 'file', path = 'f.jsonl', format = 'json');
SELECT SQRT(s) AS bad FROM t;
