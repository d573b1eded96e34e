-- JSON lines: fields by name in any order; a missing field is NULL; unknown fields
-- (extra) are ignored.
CREATE SOURCE t (id VARCHAR, amount DOUBLE, n INT, ok BOOLEAN, ts TIMESTAMP)
WITH (connector = 'file', path = 'lines.jsonl', format = 'json');
SELECT id, amount, n, ok, ts FROM t;
