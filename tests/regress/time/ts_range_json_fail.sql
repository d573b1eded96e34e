-- JSON under fail: stops at the first out-of-range value (line 5).
CREATE SOURCE t (id INT, ts TIMESTAMP(3))
WITH (connector = 'file', path = 'ts_range_edges.jsonl', format = 'json');
SELECT id, ts FROM t;
