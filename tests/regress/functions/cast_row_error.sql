-- A row's value that does not convert is a data error (exit 3) naming the input
-- line; rows before it are emitted.
CREATE SOURCE t (id INT, s VARCHAR, p VARCHAR, n INT, m INT, x DOUBLE, ts TIMESTAMP, b BOOLEAN)
WITH (connector = 'file', path = 'f.jsonl', format = 'json');
SELECT id, CAST(s AS INT) AS bad FROM t;
