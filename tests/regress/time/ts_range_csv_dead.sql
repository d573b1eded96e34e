-- on_error = 'dead_letter': each out-of-range TIMESTAMP goes to the dead letters with
-- its reason and record, the good rows are exact.
CREATE SOURCE t (id INT, ts TIMESTAMP(3))
WITH (connector = 'file', path = 'ts_range_edges.csv', format = 'csv', on_error = 'dead_letter',
      dead_letter.path = '/dev/stderr');
SELECT id, ts FROM t;
