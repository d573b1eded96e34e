-- on_error = 'fail': the first out-of-range TIMESTAMP (line 6, one millisecond before
-- 0000-01-01, read by the CSV fast integer path) stops the query, naming the source,
-- the line, the column and the value; the rows before it are delivered.
CREATE SOURCE t (id INT, ts TIMESTAMP(3))
WITH (connector = 'file', path = 'ts_range_edges.csv', format = 'csv');
SELECT id, ts FROM t;
