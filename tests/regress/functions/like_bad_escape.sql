-- In a LIKE pattern the escape character must precede %, _ or itself (Flink:
-- invalid escape sequence); a pattern from a row that breaks this is a data error.
CREATE SOURCE t (id INT, s VARCHAR, p VARCHAR, n INT, m INT, x DOUBLE, ts TIMESTAMP, b BOOLEAN)
WITH (connector = 'file', path = 'f.jsonl', format = 'json');
SELECT id, s LIKE CONCAT(p, '!x') ESCAPE '!' AS bad FROM t;
