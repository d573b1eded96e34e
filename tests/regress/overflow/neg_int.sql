-- Row 1 of edge.csv (line 2) is the largest case that fits, row 2 (line 3) one more: unary minus keeps INT: -(INT min + 1) fits INT, -(INT min) does not
-- the overflow is a data error under on_error = 'fail' naming the source and line.
CREATE SOURCE t (id INT, big BIGINT, small BIGINT, m BIGINT, i2 INT, r BIGINT, ri INT, d DOUBLE,
                 di DOUBLE, s VARCHAR, si VARCHAR, e BIGINT, tms BIGINT)
WITH (connector = 'file', path = 'edge.csv', format = 'csv');
SELECT id, -i2 AS v FROM t;
