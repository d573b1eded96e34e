-- TIMESTAMP values lie in years 0000..9999 (as Flink's TIMESTAMP(3)).  The edges are
-- accepted as ISO text (lines 2, 3) and as epoch milliseconds (lines 4, 5); one
-- millisecond beyond either edge (lines 6, 7), a value that would overflow later time
-- arithmetic (line 8) and a five-digit year (line 9) are malformed fields: skip counts
-- them and keeps the good rows around them.
CREATE SOURCE t (id INT, ts TIMESTAMP(3))
WITH (connector = 'file', path = 'ts_range_edges.csv', format = 'csv', on_error = 'skip');
SELECT id, ts, CAST(ts AS BIGINT) AS ms FROM t;
