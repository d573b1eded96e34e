-- JSON: the edges as strings and as epoch-millisecond numbers are accepted; one
-- millisecond beyond (numbers on the fast path, lines 5 and 6; a string, line 7) and a
-- huge number (line 8) are malformed fields, here skipped (id N is on line N).
CREATE SOURCE t (id INT, ts TIMESTAMP(3))
WITH (connector = 'file', path = 'ts_range_edges.jsonl', format = 'json', on_error = 'skip');
SELECT id, ts FROM t;
