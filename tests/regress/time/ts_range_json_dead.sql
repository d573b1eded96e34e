-- JSON under dead_letter: the out-of-range records with their reasons.
CREATE SOURCE t (id INT, ts TIMESTAMP(3))
WITH (connector = 'file', path = 'ts_range_edges.jsonl', format = 'json', on_error = 'dead_letter',
      dead_letter.path = '/dev/stderr');
SELECT id, ts FROM t;
